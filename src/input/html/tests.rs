use super::*;

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body>{body}</body></html>"
    )
}

const ARTICLE: &str = "<article><h1>Bridge reopens</h1>\
    <p>The old bridge over the harbour reopened on Monday, after two years of repairs, \
    and the first trams crossed it at dawn.</p>\
    <p>Engineers replaced the deck, the rails and the lamps, and painted the steel.</p>\
    <figure><img src=x.jpg><figcaption>The bridge at dawn.</figcaption></figure>\
    <p>The city paid for the work, with help from the port, the region and the state.</p>\
    </article>";

#[test]
fn navigation_footer_and_scripts_are_left_out() {
    let html = page(&format!(
        "<nav><a href=/>Home</a> <a href=/w>World</a></nav>\
         <div class=cookie-banner>We use cookies, to improve things, and more.</div>\
         {ARTICLE}<script>var x = 'tracking code, with commas, many';</script>\
         <footer><p>Copyright, the paper, all rights reserved, forever.</p></footer>"
    ));
    let text = extract(&html);
    assert!(
        text.starts_with("Bridge reopens\n\nThe old bridge"),
        "{text}"
    );
    for absent in ["Home", "World", "cookies", "tracking", "Copyright"] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }
}

#[test]
fn caption_is_its_own_paragraph() {
    let text = extract(&page(ARTICLE));
    assert!(text.contains("\n\nThe bridge at dawn.\n\n"), "{text}");
}

#[test]
fn entities_are_decoded_and_br_is_a_line_feed() {
    let html = page(
        "<article><p>Tom &amp; Jerry said &laquo;hello&raquo;, &#8220;twice&#8221;, and left, \
         quickly.</p><p>First line,<br>second line, and more words here, to count.</p></article>",
    );
    let text = extract(&html);
    assert!(text.contains("Tom & Jerry said «hello», “twice”"), "{text}");
    assert!(text.contains("First line,\nsecond line"), "{text}");
}

#[test]
fn lang_attribute_is_read() {
    assert_eq!(
        page_lang(b"<!DOCTYPE html>\n<html class=x lang='uk-UA'>").as_deref(),
        Some("uk-UA")
    );
    assert_eq!(page_lang(b"<html lang=ru><body>").as_deref(), Some("ru"));
    assert_eq!(page_lang(b"<html xml:lang=\"\"><body>"), None);
    assert_eq!(page_lang(b"<html><body lang=en>"), None);
}

#[test]
fn pages_are_sniffed() {
    assert!(sniff(b"\xEF\xBB\xBF  <!doctype HTML><html>"));
    assert!(sniff(b"<!-- saved -->\n<html lang=en>"));
    assert!(!sniff(b"The <html> tag is explained here."));
    assert!(!sniff(b""));
}

#[test]
fn no_panic_on_broken_or_empty_pages() {
    for html in [
        "",
        "<html",
        "<p>unclosed <b>bold <i>x",
        "<table><td>cell</table></p></div>",
    ] {
        let _ = extract(html);
    }
    assert_eq!(extract("<html><body></body></html>"), "");
}
