import type { z } from 'zod';
import { formatNumber } from '../numbers/index.js';

/** An error whose message is a Vietnamese sentence meant for the user. */
export class ApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

function describeIssue(issue: z.core.$ZodIssue, labels: Readonly<Record<string, string>>): string {
  const path = issue.path.map(String).join('.');
  const fieldPath = path.replace(/\.\d+$/, '');
  const name = labels[path] ?? labels[fieldPath] ?? (path ? `mục "${path}"` : 'dữ liệu');
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${name} có mục không được phép lưu: ${issue.keys.join(', ')}`;
    case 'invalid_type':
      return `${name} sai kiểu dữ liệu`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${name} dài quá ${formatNumber(Number(issue.maximum))} ký tự`
        : issue.origin === 'array'
          ? `${name} có quá ${formatNumber(Number(issue.maximum))} mục`
          : `${name} phải không lớn hơn ${formatNumber(Number(issue.maximum))}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${name} không được để trống`
        : `${name} phải không nhỏ hơn ${formatNumber(Number(issue.minimum))}`;
    case 'invalid_format':
    case 'custom':
      return issue.message === 'not absolute' ? `${name} phải là đường dẫn đầy đủ` : `${name} không hợp lệ`;
    default:
      return `${name} không hợp lệ`;
  }
}

/** Turn zod issues into one Vietnamese sentence naming the fields concerned. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  labels: Readonly<Record<string, string>> = {},
): string {
  const parts = [...new Set(issues.map((i) => describeIssue(i, labels)))];
  return `${parts.join('; ')}.`;
}
