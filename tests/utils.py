from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url):
    """Number of SQL queries one GET makes (asserting the response is 200)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


HOSTILE_TEXTS = ('=HYPERLINK("http://x","click")', "+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=2+2")


def xlsx_cells(data):
    """Every non-empty cell of every sheet of an xlsx file (bytes or a response), as openpyxl reads it back."""
    import io

    from openpyxl import load_workbook

    if hasattr(data, "getvalue"):
        data = data.getvalue()
    wb = load_workbook(io.BytesIO(data))
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


def assert_user_text_is_text(data, texts=HOSTILE_TEXTS, formulas=()):
    """No cell is a formula except the code's own (`formulas`); every hostile text is there, typed as a string
    with the quote prefix (so it stays text when edited in Excel). Returns the number of cells checked."""
    cells = xlsx_cells(data)
    live = [(c.coordinate, c.value) for c in cells if c.data_type == "f" and c.value not in formulas]
    assert live == [], live
    found = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in texts:
        cell = found.get(text)
        assert cell is not None, (text, sorted(found)[:50])
        assert cell.data_type == "s" and cell.quotePrefix, (text, cell.data_type, cell.quotePrefix)
    return len(cells)


def tiny_pdf(pages=1):
    """A real (parseable) PDF of blank A4 pages: uploads are parsed before they are accepted."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def race(*actions, timeout=30):
    """Run each callable in its own thread (so on its own database connection), released together by a barrier.

    Returns what each returned or raised, in order. Needs django_db(transaction=True): the threads see only
    committed rows.
    """
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a racing thread hung"
    return results
