//! Interruptions, shard-and-merge, and the cluster example script, through the real binary.

use std::path::Path;
use std::time::Duration;

const SCENARIO: &str = "scenarios/hanoi-2026-2030-mc.toml";

use crate::support::grdpsim;

fn run_single(out: &Path, paths: &str, seed: &str) -> Vec<u8> {
    grdpsim()
        .args([
            "run",
            SCENARIO,
            "--paths",
            paths,
            "--seed",
            seed,
            "-q",
            "--formats",
            "json",
            "--out",
        ])
        .arg(out)
        .assert()
        .success();
    std::fs::read(out.join("summary.json")).expect("summary.json")
}

#[test]
fn merged_shards_equal_the_single_run_byte_for_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let single = run_single(&dir.path().join("single"), "45000", "11");
    for n in [1u32, 3, 7] {
        let mut parts = Vec::new();
        for i in 1..=n {
            let part = dir.path().join(format!("n{n}-part-{i}"));
            grdpsim()
                .args([
                    "run",
                    SCENARIO,
                    "--paths",
                    "45000",
                    "--seed",
                    "11",
                    "-q",
                    "--shard",
                    &format!("{i}/{n}"),
                    "--out",
                ])
                .arg(&part)
                .assert()
                .success();
            parts.push(part);
        }
        // merge in a shuffled order: the order of the parts does not matter
        parts.reverse();
        if n == 7 {
            parts = [2, 5, 0, 6, 3, 1, 4].map(|i| parts[i].clone()).to_vec();
        }
        let merged = dir.path().join(format!("merged-{n}"));
        grdpsim()
            .arg("merge")
            .args(&parts)
            .arg("--out")
            .arg(&merged)
            .arg("-q")
            .assert()
            .success();
        let m = std::fs::read(merged.join("summary.json")).expect("merged summary");
        assert!(m == single, "{n} shards differ from the single run");
    }
}

#[test]
fn merge_refuses_parts_that_do_not_belong_together() {
    let dir = tempfile::tempdir().expect("tempdir");
    let part = |name: &str, shard: &str, seed: &str| {
        let p = dir.path().join(name);
        grdpsim()
            .args([
                "run", SCENARIO, "--paths", "8192", "--seed", seed, "-q", "--shard", shard, "--out",
            ])
            .arg(&p)
            .assert()
            .success();
        p
    };
    let a = part("a", "1/2", "1");
    let b = part("b", "2/2", "2");
    let out = grdpsim()
        .arg("merge")
        .arg(&a)
        .arg(&b)
        .arg("--out")
        .arg(dir.path().join("m"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("seed"));
    let out = grdpsim()
        .arg("merge")
        .arg(&a)
        .arg("--out")
        .arg(dir.path().join("m"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("shard 2/2 is missing"));
    grdpsim()
        .args(["run", SCENARIO, "--shard", "3/2"])
        .assert()
        .code(2);
    grdpsim()
        .args(["run", SCENARIO, "--shard", "1/2", "--precision", "0.01"])
        .assert()
        .code(2);
}

#[test]
fn the_local_shard_script_reproduces_the_single_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let single = run_single(&dir.path().join("single"), "30000", "3");
    let bin = assert_cmd::cargo::cargo_bin("grdpsim");
    let out = dir.path().join("merged");
    let status = std::process::Command::new("bash")
        .args(["scripts/run-shards-local.sh", SCENARIO, "30000", "3", "3"])
        .arg(&out)
        .arg(&bin)
        .status()
        .expect("bash runs");
    assert!(status.success());
    assert!(std::fs::read(out.join("summary.json")).expect("summary") == single);
}

#[test]
fn ctrl_c_stops_with_130_and_leaves_earlier_outputs_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let before = run_single(&out, "4096", "1");
    let bin = assert_cmd::cargo::cargo_bin("grdpsim");
    let child = std::process::Command::new(bin)
        .args([
            "run",
            SCENARIO,
            "--paths",
            "1000000000",
            "--seed",
            "2",
            "-q",
            "--out",
        ])
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    std::thread::sleep(Duration::from_millis(1500));
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let output = child.wait_with_output().expect("waits");
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("interrupted") && stderr.contains("untouched"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(out.join("summary.json")).expect("still there"),
        before
    );
    for e in std::fs::read_dir(&out).expect("dir") {
        let name = e.expect("entry").file_name();
        assert!(!name.to_string_lossy().ends_with(".tmp"), "left {name:?}");
    }
}

/// The Slurm and Kubernetes wrappers, driven the way the schedulers drive them (their index
/// variables), merge to the single run.
#[test]
fn slurm_and_kubernetes_wrappers_compute_the_right_shards() {
    let dir = tempfile::tempdir().expect("tempdir");
    let single = run_single(&dir.path().join("single"), "20000", "4");
    let bin = assert_cmd::cargo::cargo_bin("grdpsim");
    let slurm = dir.path().join("slurm");
    for i in 1..=3 {
        let ok = std::process::Command::new("bash")
            .args(["scripts/slurm-shard.sh", SCENARIO, "20000", "4"])
            .arg(&slurm)
            .env("GRDPSIM", &bin)
            .env("SLURM_ARRAY_TASK_ID", i.to_string())
            .env("SLURM_ARRAY_TASK_COUNT", "3")
            .status()
            .expect("bash");
        assert!(ok.success());
    }
    let k8s = dir.path().join("k8s");
    for k in 0..2 {
        let ok = std::process::Command::new("bash")
            .arg("scripts/k8s-shard.sh")
            .env("GRDPSIM", &bin)
            .env("SCENARIO", SCENARIO)
            .env("PATHS", "20000")
            .env("SEED", "4")
            .env("SHARDS", "2")
            .env("WORK", &k8s)
            .env("JOB_COMPLETION_INDEX", k.to_string())
            .status()
            .expect("bash");
        assert!(ok.success());
    }
    for work in [slurm, k8s] {
        let parts: Vec<_> = std::fs::read_dir(&work)
            .expect("parts")
            .map(|e| e.expect("entry").path())
            .collect();
        let merged = work.join("merged");
        grdpsim()
            .arg("merge")
            .args(&parts)
            .arg("--out")
            .arg(&merged)
            .arg("-q")
            .assert()
            .success();
        assert!(std::fs::read(merged.join("summary.json")).expect("summary") == single);
    }
}
