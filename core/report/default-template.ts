/**
 * The default report template: the outline of a provincial mid-term review of
 * Resolution 08-NQ/TU, with live figures in the narrative and breakdowns as footnotes.
 */
import { TIERS, type Tier } from '../form/types.js';
import type { Period } from '../period/index.js';
import type { ReportBlock, ReportTemplate } from './template.js';

const TIER_LABEL: Record<Tier, string> = { so: 'cấp sở', huyen: 'cấp huyện', xa: 'cấp xã' };

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "21 đơn vị cấp sở; 7 đơn vị cấp huyện; 12 đơn vị cấp xã." over the tiers that apply. */
function byTier(tiers: readonly Tier[], part: (t: Tier) => string): string {
  const text = tiers.map(part).join('; ');
  return `${capitalise(text)}.`;
}

const h = (level: 1 | 2 | 3, text: string): ReportBlock => ({ type: 'heading', level, text });
const p = (text: string): ReportBlock => ({ type: 'paragraph', text });

/**
 * The default template. With a period, tier breakdowns name only the tiers that exist in
 * it (no district level from July 2025); without one, all three tiers.
 *
 * Read as the signer would: every sentence is true whatever the data. A rate is printed
 * beside its figures only through `{{fraction:…}}` / `{{part:…}}` (the rate's own numerator
 * and denominator); counts that may be 0 are said only when they are not (`[[if …]]`);
 * unmet targets are not confused with targets that have no figure yet.
 */
export function defaultReportTemplate(period?: Period): ReportTemplate {
  const tiers: readonly Tier[] = period?.tiers ?? TIERS;
  const staffTiers = tiers.filter((t) => t !== 'xa');
  const fn = (text: string): string => `[[fn: ${text}]]`;
  const unitWord: Record<Tier, string> = { so: 'cơ quan, đơn vị', huyen: 'đơn vị', xa: 'đơn vị' };

  const blocks: ReportBlock[] = [
    p(
      'Thực hiện {{period:resolution}} của Ban Chấp hành Đảng bộ tỉnh về đẩy mạnh cải cách hành chính, ' +
        'nâng cao chất lượng hoạt động của các cơ quan nhà nước giai đoạn 2021 - 2025; trên cơ sở báo cáo của ' +
        '{{units:reported}}/{{units:all}} cơ quan, đơn vị' +
        fn(byTier(tiers, (t) => `${TIER_LABEL[t]} {{units:${t}}}/{{units:${t}.all}} ${unitWord[t]}`)) +
        ' (số liệu chi tiết tại {{annex:units}}), Sở Nội vụ tổng hợp, báo cáo kết quả {{period:title.lower}} ' +
        '(số liệu tính đến ngày {{period:cutoff}}) như sau:',
    ),
    h(1, 'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO THỰC HIỆN'),
    h(2, '1. Công tác tuyên truyền, quán triệt'),
    p(
      'Ngay sau khi {{period:resolution}} được ban hành, các cơ quan, đơn vị đã kịp thời tổ chức quán triệt, ' +
        'xây dựng kế hoạch triển khai thực hiện gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị. ' +
        'Các cơ quan, đơn vị đã ban hành {{TT01}} văn bản chỉ đạo, triển khai; tổ chức {{TT02}} hội nghị tuyên truyền, ' +
        'quán triệt với {{fraction:R_QUANTRIET|cán bộ, công chức, viên chức tham gia}}; ' +
        'mở {{TT05}} lớp bồi dưỡng về cải cách hành chính; đăng tải {{TT06}} tin, bài tuyên truyền trên các ' +
        'phương tiện thông tin đại chúng và cổng, trang thông tin điện tử của các cơ quan, đơn vị.',
    ),
    h(2, '2. Công tác lãnh đạo, chỉ đạo, kiểm tra, giám sát'),
    p(
      'Người đứng đầu các cơ quan, đơn vị đã quan tâm chỉ đạo, xác định cải cách hành chính là nhiệm vụ trọng tâm, ' +
        'thường xuyên. Công tác kiểm tra được tăng cường: các cơ quan, đơn vị đã tổ chức {{KT01}} cuộc kiểm tra, ' +
        'tự kiểm tra tại {{KT02}} cơ quan, đơn vị' +
        fn(
          'Số cuộc kiểm tra, tự kiểm tra: ' +
            tiers.map((t) => `${TIER_LABEL[t]} {{${t}:KT01}}`).join(', ') +
            '; số cơ quan, đơn vị được kiểm tra: ' +
            tiers.map((t) => `${TIER_LABEL[t]} {{${t}:KT02}}`).join(', ') +
            '.',
        ) +
        '; qua kiểm tra, đã khắc phục xong {{fraction:R_KHACPHUC|kiến nghị, tồn tại được phát hiện}}.',
    ),
    h(1, 'II. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU, NHIỆM VỤ, GIẢI PHÁP'),
    h(2, '1. Kết quả thực hiện các mục tiêu cụ thể'),
    p(
      '{{period:resolution}} đề ra {{targets:total}} mục tiêu cụ thể; kết quả thực hiện đến ngày {{period:cutoff}} như sau:',
    ),
    { type: 'targets-list' },
    p(
      'Đánh giá: {{targets:met}}/{{targets:total}} chỉ tiêu đạt và vượt so với Nghị quyết' +
        '[[if {{targets:unmet}}: ; {{targets:unmet}} chỉ tiêu chưa đạt, cần tập trung chỉ đạo thực hiện trong thời gian tới]]' +
        '[[if {{targets:nodata}}: ; {{targets:nodata}} chỉ tiêu chưa có số liệu để đánh giá]].',
    ),
    h(2, '2. Kết quả thực hiện các nhiệm vụ, giải pháp'),
    h(3, 'a) Cải cách thể chế'),
    p(
      'Công tác xây dựng, ban hành văn bản quy phạm pháp luật được thực hiện đúng trình tự, thủ tục. ' +
        'Các cơ quan đã ban hành hoặc tham mưu ban hành {{TC01}} văn bản quy phạm pháp luật (trong đó có {{TC02}} nghị quyết ' +
        'của Hội đồng nhân dân và {{TC03}} quyết định của Ủy ban nhân dân); tự kiểm tra {{TC04}} văn bản; công bố ' +
        '{{TC05}} văn bản hết hiệu lực toàn bộ và {{TC06}} văn bản hết hiệu lực một phần.',
    ),
    h(3, 'b) Cải cách thủ tục hành chính'),
    p(
      'Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp là {{TTHC01}} thủ tục' +
        fn(byTier(tiers, (t) => `${TIER_LABEL[t]} {{${t}:TTHC01}} thủ tục`)) +
        '. Đã rà soát, đề xuất cắt giảm thời gian giải quyết đối với {{TTHC02}} thủ tục, tỷ lệ cắt giảm thời gian ' +
        'giải quyết đạt {{ratio:R_CATGIAM_TG}}, tiết kiệm chi phí tuân thủ {{money:TTHC06}}. Các cơ quan, đơn vị đã ' +
        'tiếp nhận {{TTHC07}} hồ sơ; giải quyết trước và đúng hạn {{fraction:R_DUNGHAN|hồ sơ đã giải quyết}}; ' +
        'quá hạn {{TTHC09}} hồ sơ. Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt {{ratio:R_SOHOA}}; ' +
        'tỷ lệ hồ sơ trực tuyến toàn trình đạt {{ratio:R_TT_TOANTRINH}}. Đã tiếp nhận {{TTHC15}} phản ánh, kiến nghị ' +
        'về quy định hành chính, xử lý xong {{TTHC16}} phản ánh, kiến nghị.',
    ),
    h(3, 'c) Cải cách tổ chức bộ máy và quản lý biên chế'),
    p(
      'Việc sắp xếp tổ chức bộ máy được triển khai quyết liệt, giảm {{TCBM03}} tổ chức sau sắp xếp. Tỷ lệ đơn vị ' +
        'sự nghiệp công lập tự bảo đảm từ 10% chi thường xuyên trở lên đạt {{ratio:R_TUCHU}}. So với năm 2021, ' +
        'toàn tỉnh đã giảm {{BC08}} biên chế (công chức giảm {{part:R_GIAM_CC|biên chế}}; viên chức giảm ' +
        '{{part:R_GIAM_VC|người}})' +
        fn(byTier(staffTiers, (t) => `${TIER_LABEL[t]} giảm {{${t}:BC08}} biên chế`)) +
        '.',
    ),
    h(3, 'd) Cải cách chế độ công vụ, kỷ luật, kỷ cương hành chính'),
    p(
      'Công tác tuyển dụng, sử dụng, quản lý cán bộ, công chức, viên chức được thực hiện công khai, minh bạch; ' +
        'đã tuyển dụng {{CV01}} công chức và {{CV03}} viên chức; cử {{CV05}} lượt cán bộ, công chức, viên chức đi ' +
        'đào tạo trình độ đại học trở lên. Kỷ luật, kỷ cương hành chính được tăng cường; trong kỳ có {{KL01}} cán bộ, ' +
        'công chức, viên chức bị xử lý kỷ luật (khiển trách {{KL02}}, cảnh cáo {{KL03}}' +
        '[[if {{KL04}}: , hạ bậc lương {{KL04}}]][[if {{KL05}}: , giáng chức {{KL05}}]], cách chức {{count2:KL06}}, ' +
        'buộc thôi việc {{KL07}})' +
        fn(byTier(tiers, (t) => `${TIER_LABEL[t]} {{${t}:KL01}} người`)) +
        '.',
    ),
    h(3, 'đ) Cải cách tài chính công'),
    p(
      'Vốn đầu tư công đã giải ngân {{fraction:R_GIAINGAN|triệu đồng}} kế hoạch vốn được giao. ' +
        'Cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập tiếp tục được đẩy mạnh.',
    ),
    h(3, 'e) Xây dựng chính quyền điện tử, chính quyền số'),
    p(
      'Tỷ lệ văn bản đi, đến dưới dạng điện tử đạt {{ratio:R_VBDT}}; tỷ lệ hồ sơ công việc được xử lý trên môi ' +
        'trường mạng đạt {{ratio:R_HSCV_MANG}} (' +
        tiers.map((t) => `${TIER_LABEL[t]} đạt {{ratio:${t}:R_HSCV_MANG}}`).join(', ') +
        '); ' +
        (staffTiers.length > 0
          ? '{{fraction:R_BAOCAO|chế độ báo cáo định kỳ được cập nhật trên Hệ thống thông tin báo cáo}}; '
          : '') +
        'đã cấp {{CQS07}} chứng thư chữ ký số cho cá nhân, tổ chức.',
    ),
    h(1, 'III. ĐÁNH GIÁ CHUNG'),
    h(2, '1. Ưu điểm'),
    p(
      'Công tác cải cách hành chính được các cấp ủy, chính quyền quan tâm lãnh đạo, chỉ đạo' +
        '[[if {{targets:met}}: ; {{targets:met}}/{{targets:total}} mục tiêu cụ thể của Nghị quyết đạt và vượt]]. ' +
        'Thủ tục hành chính được rà soát, cắt giảm; tỷ lệ hồ sơ giải quyết trước và đúng hạn đạt {{ratio:R_DUNGHAN}}; ' +
        'tổ chức bộ máy tiếp tục được sắp xếp tinh gọn; kỷ luật, kỷ cương hành chính được tăng cường.',
    ),
    h(2, '2. Hạn chế'),
    p(
      '[[if {{targets:unmet}}: Còn {{targets:unmet}} mục tiêu chưa đạt so với Nghị quyết.]] ' +
        '[[if {{targets:nodata}}: Còn {{targets:nodata}} mục tiêu chưa có số liệu để đánh giá.]] ' +
        '[[if {{TTHC09}}: Vẫn còn {{TTHC09}} hồ sơ thủ tục hành chính giải quyết quá hạn.]] ' +
        '[[if {{units:missing}}: Đến ngày lập báo cáo, còn {{units:missing}} đơn vị chưa gửi báo cáo.]] ' +
        '[[if {{units:rejected}}: Có {{units:rejected}} đơn vị đã gửi báo cáo nhưng tệp không sử dụng được, phải gửi lại.]] ' +
        '[[if {{units:duplicate}}: Có {{units:duplicate}} đơn vị gửi nhiều tệp báo cáo khác nhau, chưa xác định được tệp sử dụng.]] ' +
        '[[if {{units:unused}}: Danh sách các cơ quan, đơn vị chưa có số liệu tổng hợp tại {{annex:unused}}.]] ' +
        'Việc triển khai một số nhiệm vụ cải cách hành chính ở một số cơ quan, đơn vị còn chậm.',
    ),
    h(2, '3. Nguyên nhân'),
    p(
      'Nhận thức, trách nhiệm của người đứng đầu một số cơ quan, đơn vị về cải cách hành chính chưa đầy đủ; ' +
        'hạ tầng công nghệ thông tin ở cấp cơ sở còn hạn chế; đội ngũ công chức làm công tác cải cách hành chính ' +
        'chủ yếu kiêm nhiệm, thường xuyên thay đổi.',
    ),
    h(1, 'IV. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI'),
    p(
      'Một là, tiếp tục nâng cao vai trò, trách nhiệm của người đứng đầu trong lãnh đạo, chỉ đạo cải cách hành chính; ' +
        'gắn kết quả cải cách hành chính với đánh giá, xếp loại cơ quan, đơn vị và cán bộ, công chức, viên chức.',
    ),
    p(
      'Hai là, [[if {{targets:unmet}}: tập trung thực hiện các mục tiêu chưa đạt; ]]đẩy mạnh cắt giảm, đơn giản hóa ' +
        'thủ tục hành chính, nâng cao tỷ lệ hồ sơ trực tuyến toàn trình và số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.',
    ),
    p(
      'Ba là, tiếp tục sắp xếp tổ chức bộ máy, tinh giản biên chế gắn với cơ cấu lại đội ngũ; siết chặt kỷ luật, ' +
        'kỷ cương hành chính, xử lý nghiêm các trường hợp vi phạm.',
    ),
    p('Trên đây là báo cáo {{period:title.lower}} của Sở Nội vụ./.'),
  ];
  return { version: 1, blocks };
}
