-- Where each record starts in its file as the user sees it: the line of a text
-- file, the row number a spreadsheet shows. row_number counts data rows only
-- (the header is row 0), which is not what a documenter finds when they open
-- the file to check a record (a title above the header, a multi-line cell).
-- NULL for records ingested before this column existed.

ALTER TABLE victim_record ADD COLUMN line_number BIGINT;
