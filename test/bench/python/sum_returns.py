"""What a technically minded clerk would write instead of the app: read every return of a
folder with openpyxl and add up the figures by indicator code. No checks, no provenance, no
workspace. Kept for the side-by-side benchmark (npm run bench -- side-by-side).

Usage: /usr/bin/python3 sum_returns.py DIR   -> prints "files=N codes=M total=T" on stdout
"""
import os
import sys

from openpyxl import load_workbook


def sum_folder(folder):
    totals = {}
    files = 0
    for name in sorted(os.listdir(folder)):
        if not name.lower().endswith(".xlsx"):
            continue
        wb = load_workbook(os.path.join(folder, name), read_only=True, data_only=True)
        files += 1
        for ws in wb.worksheets:
            code_col = value_col = None
            for row in ws.iter_rows(values_only=True):
                if code_col is None:
                    cells = [str(c).strip() if c is not None else "" for c in row]
                    if "Mã chỉ tiêu" in cells and "Số liệu" in cells:
                        code_col, value_col = cells.index("Mã chỉ tiêu"), cells.index("Số liệu")
                    continue
                if len(row) <= max(code_col, value_col):
                    continue
                code, value = row[code_col], row[value_col]
                if code is None or not isinstance(value, (int, float)):
                    continue
                totals[str(code).strip()] = totals.get(str(code).strip(), 0) + value
        wb.close()
    return files, totals


if __name__ == "__main__":
    n, totals = sum_folder(sys.argv[1])
    print("files=%d codes=%d total=%s" % (n, len(totals), sum(totals.values())))
