"""Bring a plan written in Word (or pasted as text) into Thi đua as a structured draft.

- `reader.read_docx(data)` turns a .docx (checked: a ZIP of bounded size whose XML parts carry no DTD or
  entities, read by python-docx) into `Line`s, with Word's automatic numbering written out ("I.", "1.", "a)"),
  italic runs as ``*…*``, header/closing table cells marked with their column.
- `parser.lines_from_text(text)` does the same for pasted text.
- `parser.parse_plan(lines)` is pure (no Django): lines → `ParsedPlan` (header, number and date, subject lines,
  legal bases, sections I–IV, content areas with movements, period, assignments, Nơi nhận, signature).
- `orgmatch.match_organizations(text, candidates)` is pure too: which organisations of the tree an assignment
  names, and the phrases it could not match (listed for the clerk to pick).
"""
