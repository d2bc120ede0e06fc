"""Reports: the summary for leadership, 催办 reminders and the 台账 workbook.

Plain Python plus rich and openpyxl; nothing here may import Textual (the
board's summary screen imports us, never the other way round).
"""
