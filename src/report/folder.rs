//! An output folder replaced as a unit: files are written into a staging folder beside the
//! target, then swapped in (Linux `renameat2(RENAME_EXCHANGE)`, else rename aside and in).
//!
//! A run killed at any moment leaves the target wholly the old run or wholly the new one. What
//! a killed run leaves beside it (a hidden `.NAME.staging-PID-…` folder) is removed by the next
//! run, which first moves back any sub-folder of an earlier run (e.g. `sweep/`) it still holds.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Test hook: milliseconds to sleep after each file written into the staging folder, so that
/// the crash test can kill a run while it writes. Unset in normal use.
const SLOW_WRITE_ENV: &str = "GRDPSIM_TEST_SLOW_WRITE_MS";

/// Checks that `dir` can be an output folder (it is a folder or does not exist yet, and its
/// parent is not a file), before anything is computed.
///
/// # Errors
/// A message saying what is in the way.
pub fn check_target(dir: &Path) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "{} is a file, not a folder: give --out a folder name",
            dir.display()
        ));
    }
    let mut a = dir.parent();
    while let Some(p) = a {
        if !p.as_os_str().is_empty() && p.exists() && !p.is_dir() {
            return Err(format!(
                "{} is a file, so {} cannot be created",
                p.display(),
                dir.display()
            ));
        }
        a = p.parent();
    }
    Ok(())
}

fn split(dir: &Path) -> std::io::Result<(PathBuf, String)> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| std::io::Error::other(format!("{} has no folder name", dir.display())))?;
    Ok((parent, name))
}

fn staging_prefix(name: &str) -> String {
    format!(".{name}.staging-")
}

fn pid_alive(pid: u32) -> bool {
    pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists()
}

/// Moves each sub-folder of `from` that `to` does not have into `to` (other commands' outputs
/// kept inside a run's folder, such as `sweep/` or `solve/`).
fn rescue_subfolders(from: &Path, to: &Path) {
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            let target = to.join(e.file_name());
            if !target.exists() {
                let _ = std::fs::rename(e.path(), target);
            }
        }
    }
}

/// Removes staging folders of `name` left in `parent` by runs that no longer exist.
fn clean_stale(parent: &Path, name: &str, target: &Path) {
    let prefix = staging_prefix(name);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(pid_alive) {
            continue;
        }
        if target.is_dir() {
            rescue_subfolders(&e.path(), target);
        }
        let _ = std::fs::remove_dir_all(e.path());
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Swaps `new` and `old` (both folders) in one step where the system allows it.
#[cfg(target_os = "linux")]
fn exchange(new: &Path, old: &Path) -> std::io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes()).map_err(|e| std::io::Error::other(e.to_string()))
    };
    let (a, b) = (c(new)?, c(old)?);
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them like rename(2).
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_new: &Path, _old: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Writes `files` (name inside the folder, content) into `dir` as a unit: the folder ends up
/// holding exactly these files (plus any sub-folders an earlier run's folder had), or, on
/// any error or kill, stays as it was.
///
/// # Errors
/// The first I/O error, with the path it concerns.
pub fn publish(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), (PathBuf, std::io::Error)> {
    let (parent, name) = split(dir).map_err(|e| (dir.to_path_buf(), e))?;
    std::fs::create_dir_all(&parent).map_err(|e| (parent.clone(), e))?;
    clean_stale(&parent, &name, dir);
    let staging = tempfile::Builder::new()
        .prefix(&format!("{}{}-", staging_prefix(&name), std::process::id()))
        .tempdir_in(&parent)
        .map_err(|e| (parent.clone(), e))?;
    let slow = std::env::var(SLOW_WRITE_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    for (file, bytes) in files {
        let path = staging.path().join(file);
        if let Some(sub) = path.parent() {
            std::fs::create_dir_all(sub).map_err(|e| (sub.to_path_buf(), e))?;
        }
        write_synced(&path, bytes).map_err(|e| (dir.join(file), e))?;
        if let Some(ms) = slow {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
    }
    sync_dir(staging.path());
    let staged = staging.keep();
    let swap = || -> std::io::Result<()> {
        if !dir.exists() {
            return std::fs::rename(&staged, dir);
        }
        if exchange(&staged, dir)? {
            // the old run now sits at the staging path
            rescue_subfolders(&staged, dir);
            return std::fs::remove_dir_all(&staged);
        }
        let aside = parent.join(format!(
            "{}{}-old",
            staging_prefix(&name),
            std::process::id()
        ));
        std::fs::rename(dir, &aside)?;
        std::fs::rename(&staged, dir)?;
        rescue_subfolders(&aside, dir);
        std::fs::remove_dir_all(&aside)
    };
    let r = swap();
    sync_dir(&parent);
    if r.is_err() && staged.exists() && dir.exists() {
        let _ = std::fs::remove_dir_all(&staged);
    }
    r.map_err(|e| (dir.to_path_buf(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(tag: &str) -> Vec<(String, Vec<u8>)> {
        vec![
            ("a.txt".into(), tag.as_bytes().to_vec()),
            ("b.txt".into(), tag.as_bytes().to_vec()),
        ]
    }

    #[test]
    fn replaces_as_a_unit_and_keeps_subfolders() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("out");
        publish(&dir, &files("old")).unwrap();
        std::fs::write(dir.join("only-old.txt"), "x").unwrap();
        std::fs::create_dir(dir.join("sweep")).unwrap();
        std::fs::write(dir.join("sweep/s.json"), "{}").unwrap();
        publish(&dir, &files("new")).unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.txt")).unwrap(), "new");
        assert!(!dir.join("only-old.txt").exists(), "old file left behind");
        assert_eq!(
            std::fs::read_to_string(dir.join("sweep/s.json")).unwrap(),
            "{}"
        );
        let left: Vec<_> = std::fs::read_dir(t.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "staging folders left: {left:?}");
    }

    #[test]
    fn stale_staging_of_a_dead_run_is_removed_and_its_subfolders_rescued() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("out");
        publish(&dir, &files("old")).unwrap();
        // pid 0 never names a live run
        let stale = t.path().join(".out.staging-0-abc");
        std::fs::create_dir_all(stale.join("solve")).unwrap();
        std::fs::write(stale.join("x.tmp"), "partial").unwrap();
        publish(&dir, &files("new")).unwrap();
        assert!(!stale.exists());
        assert!(dir.join("solve").is_dir());
    }

    #[test]
    fn a_file_in_the_way_is_refused() {
        let t = tempfile::tempdir().unwrap();
        let f = t.path().join("f");
        std::fs::write(&f, "x").unwrap();
        assert!(check_target(&f).unwrap_err().contains("is a file"));
        assert!(
            check_target(&f.join("sub"))
                .unwrap_err()
                .contains("is a file")
        );
        assert!(check_target(&t.path().join("new")).is_ok());
    }
}
