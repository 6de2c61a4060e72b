//! Unit tests of `markup`.

use super::*;

#[test]
fn escapes_and_defangs() {
    assert_eq!(
        esc("a & b <c> \"d\" 'e'"),
        "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;"
    );
    assert_eq!(
        esc("see https://x.org and HTTP://y"),
        "see https&#58;//x.org and HTTP&#58;//y"
    );
    assert_eq!(esc("nul\u{0}bell\u{7}"), "nulbell");
    assert_eq!(esc("Hà Nội – ≥ 11,0%"), "Hà Nội – ≥ 11,0%");
}

#[test]
fn svg_is_cleaned() {
    let svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- made by http://example.org -->\n<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" onload=\"alert(1)\">\n<script type=\"text/javascript\">alert('x > y')</script>\n<use xlink:href=\"#a\"/><image href=\"https://evil/x.png\" width=\"1\"/><a href='other.html'><text x=\"1\" y=\"2\" style=\"fill:red\">A &amp; B &gt; 1</text></a>\n<rect fill=\"url(#g)\" x=\"0\"/></svg>";
    let out = inline_svg(svg);
    assert!(out.starts_with("<svg width=\"10\""), "{out}");
    for bad in [
        "<?xml",
        "DOCTYPE",
        "http",
        "xmlns",
        "script",
        "onload",
        "<!--",
        "other.html",
    ] {
        assert!(!out.contains(bad), "{bad} in {out}");
    }
    assert!(out.contains("<use href=\"#a\"/>"), "{out}");
    assert!(out.contains("<image width=\"1\"/>"), "{out}");
    assert!(out.contains("A &amp; B &gt; 1"), "{out}");
    assert!(out.contains("fill=\"url(#g)\""), "{out}");
    assert!(out.ends_with("</svg>"), "{out}");
}

#[test]
fn svg_attribute_edge_cases() {
    let out = inline_svg("<svg a='x>y' b=c d><g/></svg>");
    assert_eq!(out, "<svg a='x>y' b=\"c\" d=\"d\"><g/></svg>");
    let out = inline_svg("<svg><script><script/>x</script><g/></svg>");
    assert_eq!(out, "<svg><g/></svg>");
}
