import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';

/** The Vietnamese application menu. Developer tools appear only in an unpackaged run. */
export function setupMenu(): void {
  const view: MenuItemConstructorOptions[] = [
    { label: 'Tải lại', role: 'reload' },
    { type: 'separator' },
    { label: 'Cỡ chữ gốc', role: 'resetZoom' },
    { label: 'Phóng to', role: 'zoomIn' },
    { label: 'Thu nhỏ', role: 'zoomOut' },
    { type: 'separator' },
    { label: 'Toàn màn hình', role: 'togglefullscreen' },
  ];
  if (!app.isPackaged) view.push({ type: 'separator' }, { label: 'Công cụ phát triển', role: 'toggleDevTools' });

  const template: MenuItemConstructorOptions[] = [
    { label: 'Tệp', submenu: [{ label: 'Thoát', role: 'quit' }] },
    {
      label: 'Chỉnh sửa',
      submenu: [
        { label: 'Hoàn tác', role: 'undo' },
        { label: 'Làm lại', role: 'redo' },
        { type: 'separator' },
        { label: 'Cắt', role: 'cut' },
        { label: 'Sao chép', role: 'copy' },
        { label: 'Dán', role: 'paste' },
        { label: 'Chọn tất cả', role: 'selectAll' },
      ],
    },
    { label: 'Xem', submenu: view },
    {
      label: 'Trợ giúp',
      submenu: [
        {
          label: 'Giới thiệu',
          click: () => {
            void dialog.showMessageBox({
              type: 'info',
              title: 'Giới thiệu',
              message: 'Tổng hợp CCHC',
              detail: `Phiên bản ${app.getVersion()}. Tổng hợp, đối chiếu báo cáo cải cách hành chính của các đơn vị, lập báo cáo có ký số và in phiếu kiểm tra.`,
              buttons: ['Đóng'],
            });
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
