/**
 * "Báo cáo" and "Ký số": the report's document settings and editable text kept in the
 * period's workspace, the placeholders a clerk may insert with what each prints now, the
 * gaps and open errors to settle before export, the PDF (preview and export), signing with a
 * PKCS#12 certificate (password in memory only) and checking any signed PDF.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  CertificateView,
  PlaceholderView,
  ReportBlockView,
  ReportDraft,
  ReportSettingsView,
  Settings,
  VerifyView,
} from '../../shared-api/app-api.js';
import type { Consolidation } from '../model/consolidation.js';
import type { Period } from '../period/index.js';
import {
  checkReportTemplate,
  defaultReportSettings,
  defaultReportTemplate,
  parseReportSettings,
  ReportSettingsError,
  ReportTemplateError,
  resolveReportBody,
  type ReportSettings,
  type ReportTemplate,
} from '../report/index.js';
import { getReportSettings, getReportTemplate, type Workspace } from '../workspace/index.js';
import { ApiError } from './errors.js';
import type { PeriodState } from './session.js';

/** The period's report settings: stored ones, else the period's defaults with the app's report defaults. */
export function reportSettings(ws: Workspace, period: Period, app: Settings): ReportSettings {
  const stored = getReportSettings(ws);
  if (stored !== undefined && stored !== null) {
    try {
      return parseReportSettings(stored);
    } catch {
      // Fall back to the defaults; the draft says so.
    }
  }
  const d = defaultReportSettings(period);
  const r = app.report;
  return {
    ...d,
    governingBody: r.governingBody || d.governingBody,
    issuingBody: r.issuingBody || d.issuingBody,
    place: r.place || d.place,
    authority: [r.signerAuthority, r.signerTitle].filter((x) => x.trim().length > 0).length
      ? [r.signerAuthority, r.signerTitle].filter((x) => x.trim().length > 0)
      : d.authority,
    signerName: r.signerName || d.signerName,
  };
}

/** The report text: the clerk's edited one when valid, else the default. */
export function reportTemplate(s: PeriodState): { template: ReportTemplate; custom: boolean; problem: string | null } {
  const stored = getReportTemplate(s.workspace);
  if (stored !== undefined) {
    try {
      checkReportTemplate(stored, s.consolidation.form);
      return { template: stored as ReportTemplate, custom: true, problem: null };
    } catch (e) {
      return {
        template: defaultReportTemplate(s.consolidation.period),
        custom: false,
        problem: `Nội dung báo cáo đã lưu không dùng được (${(e as Error).message}); đang dùng nội dung mặc định.`,
      };
    }
  }
  return { template: defaultReportTemplate(s.consolidation.period), custom: false, problem: null };
}

/** The placeholders offered for insertion, each with what it prints now. */
export function placeholders(c: Consolidation): PlaceholderView[] {
  const list: Array<{ token: string; label: string; group: string }> = [];
  for (const i of c.form.indicators.filter((x) => x.aggregate === 'sum')) {
    list.push({ token: `{{${i.code}}}`, label: `${i.label} (toàn tỉnh)`, group: 'Số liệu toàn tỉnh' });
  }
  for (const t of c.period.tiers) {
    for (const i of c.form.indicators.filter((x) => x.aggregate === 'sum' && x.tiers.includes(t))) {
      list.push({
        token: `{{${t}:${i.code}}}`,
        label: `${i.label} (${c.form.tiers[t].toLowerCase()})`,
        group: `Số liệu ${c.form.tiers[t].toLowerCase()}`,
      });
    }
  }
  for (const r of c.form.ratios) list.push({ token: `{{ratio:${r.code}}}`, label: r.label, group: 'Tỷ lệ' });
  for (const t of c.form.targets) {
    list.push({ token: `{{target:${t.id}}}`, label: `${t.label} — kết quả`, group: 'Mục tiêu' });
    list.push({ token: `{{target:${t.id}.status}}`, label: `${t.label} — đánh giá`, group: 'Mục tiêu' });
  }
  list.push(
    { token: '{{targets:met}}', label: 'Số mục tiêu đạt và vượt', group: 'Mục tiêu' },
    { token: '{{targets:unmet}}', label: 'Số mục tiêu chưa đạt', group: 'Mục tiêu' },
    { token: '{{targets:total}}', label: 'Tổng số mục tiêu', group: 'Mục tiêu' },
    { token: '{{units:reported}}', label: 'Số đơn vị đã báo cáo', group: 'Đơn vị' },
    { token: '{{units:all}}', label: 'Tổng số đơn vị', group: 'Đơn vị' },
    { token: '{{units:missing}}', label: 'Số đơn vị chưa báo cáo', group: 'Đơn vị' },
    { token: '{{period:title}}', label: 'Tên kỳ báo cáo', group: 'Kỳ báo cáo' },
    { token: '{{period:resolution}}', label: 'Nghị quyết', group: 'Kỳ báo cáo' },
    { token: '{{period:cutoff}}', label: 'Ngày chốt số liệu', group: 'Kỳ báo cáo' },
    { token: '{{period:deadline}}', label: 'Hạn nộp báo cáo', group: 'Kỳ báo cáo' },
  );
  const valid: typeof list = [];
  for (const p of list) {
    try {
      checkReportTemplate({ version: 1, blocks: [{ type: 'paragraph', text: p.token }] }, c.form);
      valid.push(p);
    } catch {
      // A placeholder the form does not offer for this scope.
    }
  }
  const body = resolveReportBody(c, {
    version: 1,
    blocks: valid.map((p) => ({ type: 'paragraph' as const, text: p.token })),
  });
  return valid.map((p, i) => {
    const b = body.blocks[i];
    const text = b && 'inlines' in b ? b.inlines.map((x) => ('text' in x ? x.text : '')).join('') : '';
    return { ...p, example: text };
  });
}

function toView(s: ReportSettings): ReportSettingsView {
  return { ...s, ...(s.signerTitle ? { signerTitle: s.signerTitle } : {}) };
}

/** The draft a "Báo cáo" screen edits. */
export function reportDraft(s: PeriodState, app: Settings): ReportDraft {
  const c = s.consolidation;
  const settings = reportSettings(s.workspace, c.period, app);
  const t = reportTemplate(s);
  const body = resolveReportBody(c, t.template);
  return {
    period: c.period.code,
    settings: toView(settings),
    blocks: t.template.blocks as ReportBlockView[],
    customText: t.custom,
    placeholders: placeholders(c),
    gaps: body.findings.map((f) => f.message),
    openErrors: c.findings
      .filter((f) => f.severity === 'error' && f.status === 'open')
      .map((f) => ({ id: f.id, message: f.message })),
    problem: t.problem,
  };
}

/** Validate settings from the form; a Vietnamese sentence when they cannot be used. */
export function checkSettings(
  v: ReportSettingsView,
): { ok: true; settings: ReportSettings } | { ok: false; message: string } {
  try {
    return { ok: true, settings: parseReportSettings(v) };
  } catch (e) {
    if (e instanceof ReportSettingsError) return { ok: false, message: e.message };
    throw e;
  }
}

/** Validate a text from the form against the form's indicators; the message names the block and placeholder. */
export function checkText(
  blocks: ReportBlockView[],
  c: Consolidation,
): { ok: true; template: ReportTemplate } | { ok: false; message: string } {
  const template = { version: 1 as const, blocks };
  try {
    checkReportTemplate(template, c.form);
    return { ok: true, template: template as ReportTemplate };
  } catch (e) {
    if (e instanceof ReportTemplateError) return { ok: false, message: e.message };
    throw e;
  }
}

/** Open a certificate for the stamp preview and its warnings; the password stays in memory. */
export async function inspectCertificate(path: string, password: string, signerName: string): Promise<CertificateView> {
  const sign = await import('../sign/index.js');
  let signer;
  try {
    signer = sign.readP12File(path, password);
  } catch (e) {
    throw new ApiError((e as Error).message);
  }
  const info = signer.info();
  const now = new Date();
  const warnings = [...sign.checkCertificate(info, now).warnings];
  if (info.commonName.normalize('NFC').toLowerCase() !== signerName.normalize('NFC').toLowerCase()) {
    warnings.push(`Người ký ghi trong báo cáo là ${signerName}, nhưng chứng thư số cấp cho ${info.commonName}.`);
  }
  const { formatDateVN } = await import('../period/index.js');
  const iso = sign.formatSigningTimeIso(now);
  return {
    commonName: info.commonName,
    subject: info.subjectDisplay,
    issuer: info.issuer,
    validFromLabel: formatDateVN(sign.formatSigningTimeIso(info.notBefore)),
    validToLabel: formatDateVN(sign.formatSigningTimeIso(info.notAfter)),
    warnings,
    stampLines: [
      `Người ký: ${info.commonName}`,
      `Chứng thư: ${info.subjectDisplay}`,
      `Thời gian ký: ${iso} (lúc bấm ký)`,
    ],
  };
}

/** Check every signature of a PDF and say it plainly. */
export async function verifyFile(path: string): Promise<VerifyView> {
  const sign = await import('../sign/index.js');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    throw new ApiError(`Không mở được tệp ${basename(path)}.`);
  }
  if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) {
    throw new ApiError(`Tệp ${basename(path)} không phải tệp PDF.`);
  }
  const r = await sign.verifyPdf(bytes);
  const { formatSigningTimeIso } = sign;
  return {
    path,
    ok: r.ok,
    signed: r.signed,
    verdict: !r.signed
      ? 'Tệp chưa được ký số.'
      : r.ok
        ? 'Chữ ký hợp lệ: tệp không bị thay đổi sau khi ký.'
        : 'Chữ ký KHÔNG hợp lệ hoặc tệp đã bị thay đổi sau khi ký.',
    signatures: r.signatures.map((x) => ({
      signer: x.signer,
      subject: x.certificate?.subjectDisplay ?? '',
      timeLabel: x.signingTime ? formatSigningTimeIso(x.signingTime) : 'không ghi',
      intact: x.digestMatches && x.signatureValid && x.rangeWellFormed,
      coversWhole: x.coversWholeDocument,
      problems: x.problems,
    })),
    details: sign.formatVerifyReport(r, basename(path)).trimEnd().split('\n'),
  };
}
