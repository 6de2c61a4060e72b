//! The output folder is replaced as a unit: SIGKILL at 12 moments while a run writes into a
//! folder holding an earlier run, and a full disk, leave it wholly the old run or the new one.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_grdpsim");
const SCENARIO: &str = "scenarios/hanoi-2026-2030-mc.toml";

fn run(out: &Path, seed: u64, formats: &str) -> Command {
    let mut c = Command::new(BIN);
    c.args(["run", SCENARIO, "--paths", "256", "--lang", "en", "--quiet"])
        .args(["--seed", &seed.to_string(), "--formats", formats, "--out"])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The folder's seed when it is wholly one run: every file listed in the manifest with its
/// hash, nothing else, no temporary file.
fn whole_run(dir: &Path) -> Result<u64, String> {
    let m: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("manifest.json")).map_err(|e| format!("no manifest: {e}"))?,
    )
    .map_err(|e| format!("manifest unreadable: {e}"))?;
    let listed = m["files"].as_array().ok_or("manifest lists no files")?;
    let mut names: Vec<String> = Vec::new();
    for f in listed {
        let name = f["path"].as_str().ok_or("file without path")?;
        let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        if f["sha256"].as_str() != Some(sha256(&bytes).as_str()) {
            return Err(format!("{name} does not match the manifest"));
        }
        names.push(name.to_string());
    }
    for e in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name != "manifest.json" && !names.contains(&name) {
            return Err(format!(
                "{name} is not in the manifest (temporary or old file)"
            ));
        }
    }
    m["seed"]
        .as_u64()
        .ok_or_else(|| "manifest has no seed".into())
}

#[test]
fn sigkill_at_12_moments_leaves_the_old_run_or_the_new_one() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("run");
    assert!(run(&out, 1, "all").status().unwrap().success());
    assert_eq!(whole_run(&out), Ok(1));
    // how long a run takes when each file written sleeps 60 ms (the test hook)
    let slow = |c: &mut Command| {
        c.env("GRDPSIM_TEST_SLOW_WRITE_MS", "60");
    };
    let t0 = Instant::now();
    let mut c = run(&out, 2, "all");
    slow(&mut c);
    assert!(c.status().unwrap().success());
    let full = t0.elapsed();
    assert_eq!(whole_run(&out), Ok(2));
    let writing = Duration::from_millis(60 * 20);
    let start = full.saturating_sub(writing + Duration::from_millis(300));
    let (mut current, mut olds, mut news) = (2u64, 0, 0);
    for k in 0..12u64 {
        let seed = 10 + k;
        let at = start + (full - start).mul_f64(k as f64 / 11.0);
        let mut c = run(&out, seed, "all");
        slow(&mut c);
        let mut child = c.spawn().unwrap();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        match whole_run(&out) {
            Ok(s) if s == current => olds += 1,
            Ok(s) if s == seed => {
                news += 1;
                current = seed;
            }
            other => panic!("kill {k} at {at:?}: folder is neither run: {other:?}"),
        }
    }
    assert!(olds > 0, "no kill landed before the swap");
    // the next complete run removes what killed runs left beside the folder
    assert!(run(&out, 99, "json").status().unwrap().success());
    assert_eq!(whole_run(&out), Ok(99));
    let beside: Vec<String> = std::fs::read_dir(t.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, vec!["run".to_string()], "left beside the folder");
    eprintln!("12 kills: {olds} left the old run, {news} the new one");
}

#[test]
fn a_full_disk_leaves_the_old_run_intact() {
    let t = tempfile::tempdir().unwrap();
    let mnt = t.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=400k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root and mount rights)");
        return;
    }
    let out = mnt.join("run");
    let result = std::panic::catch_unwind(|| {
        assert!(run(&out, 1, "json,csv").status().unwrap().success());
        assert_eq!(whole_run(&out), Ok(1));
        let status = run(&out, 2, "all").status().unwrap();
        assert_eq!(status.code(), Some(1), "a full disk is an output failure");
        assert_eq!(
            whole_run(&out),
            Ok(1),
            "the old run must survive a full disk"
        );
        let beside = std::fs::read_dir(&mnt).unwrap().count();
        assert_eq!(beside, 1, "staging left on the full disk");
    });
    let _ = Command::new("umount").arg(&mnt).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn an_out_that_is_a_file_is_refused_before_simulating() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("file");
    std::fs::write(&f, "keep me").unwrap();
    let o = Command::new(BIN)
        .args([
            "run",
            SCENARIO,
            "--paths",
            "100000000",
            "--lang",
            "en",
            "--out",
        ])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is a file"));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "keep me");
}
