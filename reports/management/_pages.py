def count_pages(path):
    import pypdf

    return len(pypdf.PdfReader(path).pages)
