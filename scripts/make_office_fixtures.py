#!/usr/bin/env python3
"""Writes the Word and OpenDocument fixtures of tests/fixtures/input/: a short Ukrainian
article with a heading, a paragraph with a tab and a line break, a list, a table, a text
box (with its fallback copy), a tracked deletion, a field code, a comment and a footnote.
The expected text is tests/fixtures/input/article.expected.txt."""
import pathlib
import zipfile

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "input"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' \
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' \
    'xmlns:v="urn:schemas-microsoft-com:vml"'

DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Новий міст відкрили</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Міст у Нордгавені відкрили </w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>вчора </w:delText></w:r></w:del><w:r><w:t>у середу.</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> Він коштував 412 млн євро.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>
<w:p><w:r><w:t>Мер:</w:t></w:r><w:r><w:tab/><w:t>«Ми одне місто».</w:t></w:r><w:r><w:br/><w:t>Так вона сказала.</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Чотири смуги для авто.</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Велодоріжка з кожного боку.</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Ціна</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2 євро</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Фото: Getty Images</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Фото: Getty Images</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Пором закриють 30 червня &amp; назавжди.</w:t></w:r></w:p>
<w:p/>
<w:sectPr/></w:body></w:document>
"""

FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {W}>
<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:t>За даними міськради.</w:t></w:r></w:p></w:footnote>
</w:footnotes>
"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>
"""

ODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
<office:automatic-styles/>
<office:body><office:text>
<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>вчора </text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">Новий міст відкрили</text:h>
<text:p>Міст у Нордгавені відкрили <text:change text:change-id="c1"/>у середу.<office:annotation><dc:creator>a</dc:creator><text:p>Перевірити дату</text:p></office:annotation> Він коштував 412 млн євро.<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>За даними міськради.</text:p></text:note-body></text:note></text:p>
<text:p>Мер:<text:tab/>«Ми одне місто».<text:line-break/>Так вона сказала.</text:p>
<text:list><text:list-item><text:p>Чотири смуги для авто.</text:p></text:list-item><text:list-item><text:p>Велодоріжка з кожного боку.</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Ціна</text:p></table:table-cell><table:table-cell><text:p>2<text:s/>євро</text:p></table:table-cell></table:table-row></table:table>
<text:p><draw:frame><draw:text-box><text:p>Фото: Getty Images</text:p></draw:text-box></draw:frame>Пором закриють 30 червня &amp; назавжди.</text:p>
<text:p/>
</office:text></office:body></office:document-content>
"""

EXPECTED = """Новий міст відкрили

Міст у Нордгавені відкрили у середу. Він коштував 412 млн євро.

Мер: «Ми одне місто».
Так вона сказала.

Чотири смуги для авто.

Велодоріжка з кожного боку.

Ціна

2 євро

Фото: Getty Images

Пором закриють 30 червня & назавжди.

За даними міськради."""


def write(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write(OUT / "article.docx", [("[Content_Types].xml", CONTENT_TYPES),
                                 ("word/document.xml", DOCUMENT),
                                 ("word/footnotes.xml", FOOTNOTES)])
    write(OUT / "article.odt", [("mimetype", "application/vnd.oasis.opendocument.text"),
                                ("content.xml", ODT)])
    write(OUT / "sheet.xlsx", [("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", "<workbook/>")])
    (OUT / "article.expected.txt").write_text(EXPECTED + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
