//! Under `--lang vi` no English string of the message catalogue reaches stdout, stderr or an
//! output file (HTML, SVG, CSV, the workbook's text) of any command.

use grdpsim::report::{Lang, catalogue};
use std::io::Read;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_grdpsim");
const MC: &str = "scenarios/hanoi-2026-2030-mc.toml";

/// The English catalogue strings that differ from their Vietnamese text and are long enough
/// not to be names, units or symbols shared by both languages. Left out: strings the
/// Vietnamese text itself contains ("Monte Carlo" in "mô phỏng Monte Carlo") and strings that
/// occur in the shipped scenario files, whose citations and English titles are data written
/// in English and shown as written.
pub(crate) fn english() -> Vec<(String, String)> {
    let vi = catalogue::table(Lang::Vi);
    let data: String = std::fs::read_dir("scenarios")
        .expect("scenarios")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let mut v: Vec<(String, String)> = catalogue::table(Lang::En)
        .iter()
        .filter(|(k, en)| {
            en.chars().filter(|c| c.is_alphabetic()).count() >= 10
                && en.contains(' ')
                && vi.get(*k).is_some_and(|x| !x.contains(en.as_str()))
                && !data.contains(en.as_str())
        })
        .map(|(k, en)| (k.clone(), en.clone()))
        .collect();
    v.sort();
    v
}

fn texts_of(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.display().to_string();
        match p.extension().and_then(|x| x.to_str()) {
            Some("html" | "svg" | "csv" | "txt") => {
                out.push((name, std::fs::read_to_string(&p).unwrap_or_default()));
            }
            Some("xlsx") => {
                let mut z =
                    zip::ZipArchive::new(std::fs::File::open(&p).expect("xlsx")).expect("zip");
                let mut all = String::new();
                for i in 0..z.len() {
                    let mut f = z.by_index(i).expect("entry");
                    let n = f.name().map(|c| c.to_string()).unwrap_or_default();
                    if n.ends_with(".xml") {
                        let mut s = String::new();
                        let _ = f.read_to_string(&mut s);
                        all.push_str(&s);
                    }
                }
                out.push((name, all));
            }
            _ if p.is_dir() => texts_of(&p, out),
            _ => {}
        }
    }
}

#[test]
fn vietnamese_outputs_hold_no_english_catalogue_string() {
    let t = tempfile::tempdir().expect("tempdir");
    let d = |s: &str| t.path().join(s).display().to_string();
    let runs: Vec<Vec<String>> = vec![
        vec!["run", MC, "--paths", "2000", "--out", &d("run")],
        vec![
            "project",
            "scenarios/hanoi-2026-2030.toml",
            "--out",
            &d("project"),
        ],
        vec![
            "required",
            "scenarios/hanoi-2026-2030.toml",
            "--out",
            &d("required"),
        ],
        vec!["validate", MC],
        vec![
            "compare",
            MC,
            "scenarios/hanoi-2026-2030-mc-land-268.toml",
            "--paths",
            "2000",
            "--out",
            &d("compare"),
        ],
        vec![
            "sweep",
            MC,
            "--set",
            "funding.scale=0.8:1.2:3",
            "--paths",
            "1000",
            "--out",
            &d("sweep"),
        ],
        vec![
            "solve",
            MC,
            "--for",
            "funding.scale",
            "--paths",
            "1000",
            "--out",
            &d("solve"),
        ],
        vec![
            "sensitivity",
            MC,
            "--paths",
            "1000",
            "--rows",
            "256",
            "--bootstrap",
            "50",
            "--out",
            &d("sensitivity"),
        ],
        vec![
            "remaining",
            "scenarios/hanoi-2021-2025-review.toml",
            "--actual",
            "2021=0.0297",
            "--paths",
            "1000",
            "--out",
            &d("remaining"),
        ],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(String::from).collect())
    .collect();
    let mut texts: Vec<(String, String)> = Vec::new();
    for args in &runs {
        let o = Command::new(BIN)
            .args(args)
            .args(["--lang", "vi"])
            .output()
            .expect("runs");
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        texts.push((
            format!("{} stdout", args[0]),
            String::from_utf8_lossy(&o.stdout).into(),
        ));
        texts.push((
            format!("{} stderr", args[0]),
            String::from_utf8_lossy(&o.stderr).into(),
        ));
    }
    texts_of(t.path(), &mut texts);
    let en = english();
    assert!(
        en.len() > 100,
        "too few English strings to check: {}",
        en.len()
    );
    let mut found = Vec::new();
    for (where_, text) in &texts {
        for (k, e) in &en {
            if text.contains(e.as_str()) {
                found.push(format!("{where_}: {k} = {e:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} English strings in Vietnamese outputs:\n{}",
        found.len(),
        found.join("\n")
    );
}
