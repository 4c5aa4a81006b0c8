/**
 * The custom properties a Word copy of the report carries (File → Properties → Custom in Word):
 * the period and the dataset code it was written from. The text check reads them back to say
 * when the data it compares the copy with has changed since.
 */
export const ORIGIN_PERIOD = 'TongHopCCHC.Ky';
export const ORIGIN_DATASET = 'TongHopCCHC.MaDuLieu';
