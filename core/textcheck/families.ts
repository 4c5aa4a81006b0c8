/**
 * Groups of labels that split one population into parts that do not overlap, as provincial
 * reports name them (xếp loại, trình độ, hồ sơ đúng hạn / quá hạn…). A list whose items all
 * name different members of one family is a breakdown: its parts add up to at most the whole
 * and its percentages to at most 100 %.
 */

export interface Family {
  id: string;
  /** Member id → the ways reports write it (longest matched first). */
  members: Record<string, string[]>;
  /**
   * A list of bare percentages over these members is a split of one population ("xuất sắc
   * 15%, tốt 70%"). False for tiers: "cấp sở 95%, cấp huyện 88%" are each tier's own rate.
   */
  pctShares: boolean;
}

export const FAMILIES: Family[] = [
  {
    id: 'xep-loai',
    pctShares: true,
    members: {
      xs: ['hoàn thành xuất sắc nhiệm vụ', 'hoàn thành xuất sắc', 'xuất sắc'],
      tot: ['hoàn thành tốt nhiệm vụ', 'hoàn thành tốt', 'tốt'],
      ht: ['hoàn thành nhiệm vụ', 'hoàn thành'],
      kht: ['không hoàn thành nhiệm vụ', 'không hoàn thành'],
    },
  },
  {
    id: 'xep-loai-to-chuc',
    pctShares: true,
    members: {
      xs: ['xuất sắc'],
      tot: ['tốt'],
      kha: ['khá'],
      tb: ['trung bình'],
      yeu: ['yếu'],
      kem: ['kém'],
    },
  },
  {
    id: 'trinh-do',
    pctShares: true,
    members: {
      tren: ['trên đại học', 'sau đại học', 'thạc sĩ trở lên'],
      dh: ['đại học'],
      cd: ['cao đẳng'],
      tc: ['trung cấp'],
      sc: ['sơ cấp'],
      cntk: ['công nhân kỹ thuật', 'chưa qua đào tạo', 'trình độ khác', 'khác'],
    },
  },
  {
    id: 'ly-luan',
    pctShares: true,
    members: {
      cc: ['cao cấp', 'cử nhân'],
      tc: ['trung cấp'],
      sc: ['sơ cấp'],
      chua: ['chưa qua đào tạo'],
    },
  },
  { id: 'gioi-tinh', pctShares: true, members: { nam: ['nam'], nu: ['nữ'] } },
  {
    id: 'dan-toc',
    pctShares: true,
    members: { kinh: ['dân tộc kinh', 'người kinh'], dtts: ['dân tộc thiểu số', 'người dân tộc thiểu số'] },
  },
  {
    id: 'ho-so-han',
    pctShares: true,
    members: {
      truocdung: ['trước và đúng hạn', 'trước hạn và đúng hạn', 'đúng và trước hạn', 'đúng hạn và trước hạn'],
      truoc: ['trước hạn'],
      dung: ['đúng hạn'],
      qua: ['quá hạn', 'trễ hạn'],
      dang: ['đang giải quyết', 'đang xử lý', 'chưa đến hạn'],
    },
  },
  {
    id: 'kenh',
    pctShares: true,
    members: {
      tt: ['trực tuyến'],
      trtiep: ['trực tiếp'],
      bc: ['bưu chính công ích', 'bưu chính'],
    },
  },
  {
    id: 'dvc',
    pctShares: true,
    members: { tt: ['toàn trình'], mp: ['một phần'] },
  },
  {
    id: 'nhan-su',
    pctShares: true,
    members: {
      cb: ['cán bộ'],
      cc: ['công chức'],
      vc: ['viên chức'],
      ld: ['người lao động', 'hợp đồng lao động', 'lao động hợp đồng', 'hợp đồng'],
    },
  },
  {
    id: 'ky-luat',
    pctShares: true,
    members: {
      kt: ['khiển trách'],
      cc: ['cảnh cáo'],
      hb: ['hạ bậc lương'],
      gc: ['giáng chức'],
      cch: ['cách chức'],
      btv: ['buộc thôi việc'],
    },
  },
  {
    id: 'hai-long',
    pctShares: true,
    members: {
      rat: ['rất hài lòng'],
      hl: ['hài lòng'],
      bt: ['bình thường'],
      khl: ['không hài lòng', 'chưa hài lòng'],
    },
  },
  {
    id: 'tu-chu',
    pctShares: true,
    members: {
      dt: ['chi thường xuyên và chi đầu tư'],
      tx: ['tự bảo đảm chi thường xuyên'],
      mp: ['một phần chi thường xuyên'],
      nn: ['nhà nước bảo đảm'],
    },
  },
  {
    id: 'nguon-von',
    pctShares: true,
    members: {
      tw: ['ngân sách trung ương', 'vốn trung ương'],
      tinh: ['ngân sách tỉnh', 'ngân sách cấp tỉnh', 'vốn ngân sách tỉnh'],
      huyen: ['ngân sách huyện', 'ngân sách cấp huyện', 'vốn ngân sách huyện'],
      xa: ['ngân sách xã', 'ngân sách cấp xã', 'vốn ngân sách xã'],
      khac: ['nguồn vốn khác', 'nguồn khác', 'vốn xã hội hóa', 'xã hội hóa'],
    },
  },
  {
    id: 'cap',
    pctShares: false,
    members: {
      tinh: ['cấp tỉnh', 'cấp sở', 'các sở, ban, ngành', 'sở, ban, ngành'],
      huyen: ['cấp huyện'],
      xa: ['cấp xã'],
    },
  },
];

/** Labels that overlap their siblings: a list holding one is not a split. */
export const CUMULATIVE = /(trở lên|trở xuống|trong đó|bao gồm|kể cả|tổng số|tổng cộng|riêng)/u;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const matchers = FAMILIES.map((f) => ({
  family: f,
  terms: Object.entries(f.members)
    .flatMap(([id, ts]) =>
      ts.map((t) => ({ id, text: t, re: new RegExp(`(^|[^\\p{L}])${escape(t)}(?=$|[^\\p{L}])`, 'u'), len: t.length })),
    )
    .sort((x, y) => y.len - x.len),
  cache: new Map<string, Set<string>>(),
}));

/** Members of `family` named by a label (longest wording wins; its characters are then taken). */
function membersOf(matcher: (typeof matchers)[number], label: string): Set<string> {
  const cached = matcher.cache.get(label);
  if (cached) return cached;
  let rest = label;
  const found = new Set<string>();
  for (const t of matcher.terms) {
    if (!rest.includes(t.text)) continue;
    const m = t.re.exec(rest);
    if (!m) continue;
    found.add(t.id);
    const at = m.index + (m[1] as string).length;
    rest = rest.slice(0, at) + ' '.repeat(t.len) + rest.slice(at + t.len);
  }
  if (matcher.cache.size > 5000) matcher.cache.clear();
  matcher.cache.set(label, found);
  return found;
}

/**
 * The family whose members the labels name, each label different members and none
 * cumulative ("trở lên"); undefined when the labels are not one split.
 */
export function splitFamily(labels: string[]): { family: Family; members: Set<string>[] } | undefined {
  if (labels.length < 2 || labels.some((l) => CUMULATIVE.test(l))) return undefined;
  for (const matcher of matchers) {
    const { family } = matcher;
    const sets = labels.map((l) => membersOf(matcher, l));
    if (sets.some((s) => s.size === 0)) continue;
    const seen = new Set<string>();
    let disjoint = true;
    for (const s of sets)
      for (const id of s) {
        if (seen.has(id)) disjoint = false;
        seen.add(id);
      }
    if (disjoint) return { family, members: sets };
  }
  return undefined;
}
