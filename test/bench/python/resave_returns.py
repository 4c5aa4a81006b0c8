"""The second writer of the side-by-side benchmark: every return of SRC opened and saved again
by openpyxl into DST, so the importer also reads workbooks written by another library
(openpyxl's own XML: inline numbers, its shared-string table, no data validations kept).

Usage: /usr/bin/python3 resave_returns.py SRC DST
"""
import os
import sys

from openpyxl import load_workbook

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(src)):
    if name.lower().endswith(".xlsx"):
        wb = load_workbook(os.path.join(src, name))
        wb.save(os.path.join(dst, name))
        st = os.stat(os.path.join(src, name))
        os.utime(os.path.join(dst, name), (st.st_atime, st.st_mtime))
