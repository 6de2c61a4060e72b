//! Test helpers shared by the sweep and solve chart tests: parsing drawn SVG.

use super::super::{Chart, HEIGHT, WIDTH};

/// Decodes the PNG (checking its size) and returns the share of pixels that are not white
/// and the number of distinct colours (every 3rd pixel).
pub fn decode(c: &Chart) -> (f64, usize) {
    let mut reader = png::Decoder::new(c.png.as_slice())
        .read_info()
        .expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    assert_eq!((info.width, info.height), (WIDTH, HEIGHT), "{}", c.title);
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let mut colours = std::collections::HashSet::new();
    let (mut inked, mut seen) = (0usize, 0usize);
    for p in buf[..info.buffer_size()].chunks_exact(3).step_by(3) {
        colours.insert((p[0], p[1], p[2]));
        seen += 1;
        inked += usize::from(p != [255, 255, 255]);
    }
    (inked as f64 / seen as f64, colours.len())
}

/// Checks the PNG (size, not blank) and the SVG (parses, the title in NFC is a text of it,
/// every text is NFC) and returns the SVG's texts.
pub fn check(c: &Chart) -> Vec<String> {
    let (inked, colours) = decode(c);
    assert!(inked > 0.03 && inked < 0.9, "{}: {inked}", c.title);
    assert!(colours > 20, "{}: {colours} colours", c.title);
    let doc = roxmltree::Document::parse(&c.svg).expect("SVG parses");
    assert_eq!(doc.root_element().attribute("width"), Some("1600"));
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect();
    assert!(unicode_normalization::is_nfc(&c.title));
    let w = super::style::text_size(&c.title, super::style::TITLE_PX, true)
        .expect("measure")
        .0;
    assert!(w <= super::TITLE_ROOM, "{:?} is {w} px wide", c.title);
    assert!(texts.contains(&c.title), "title {:?} in the SVG", c.title);
    assert!(texts.iter().all(|t| unicode_normalization::is_nfc(t)));
    texts
}

/// Stroke colour (upper case), stroke width and points of an SVG polyline.
pub type Polyline = (String, String, Vec<(i32, i32)>);

/// Every polyline of the SVG.
pub fn polylines(svg: &str) -> Vec<Polyline> {
    let doc = roxmltree::Document::parse(svg).expect("SVG parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .map(|n| {
            let pts = n
                .attribute("points")
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            (
                n.attribute("stroke")
                    .unwrap_or_default()
                    .to_ascii_uppercase(),
                n.attribute("stroke-width").unwrap_or_default().to_string(),
                pts,
            )
        })
        .collect()
}

/// Fill colours (upper case) of the SVG's polygons with their opacity.
pub fn polygons(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("SVG parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .map(|n| {
            (
                n.attribute("fill").unwrap_or_default().to_ascii_uppercase(),
                n.attribute("opacity").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Fill colours (upper case) of the SVG's rectangles.
pub fn rect_fills(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("SVG parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| n.attribute("fill").unwrap_or_default().to_ascii_uppercase())
        .collect()
}
