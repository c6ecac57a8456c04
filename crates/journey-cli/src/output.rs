//! Where results go: stdout, or a file replaced atomically (written to a
//! temporary file beside it, then renamed), so a failed or interrupted run
//! never leaves half a file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::failure::Failure;

/// Pretty JSON with a final newline. Undefined numbers (NaN) become null.
pub fn json(value: &impl Serialize) -> Result<String, Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Io(format!("cannot write the results as JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

pub enum Output {
    Stdout,
    File(PathBuf),
    /// Not a regular file: written in place.
    Device(PathBuf),
}

/// A temporary file beside the destination, removed unless committed.
struct PendingFile {
    temp: PathBuf,
    dest: PathBuf,
    file: Option<File>,
}

impl Output {
    /// Checks the destination before any work, by creating (and removing) a
    /// temporary file beside it, so an unwritable `--out` fails at once
    /// rather than after a long run. Nothing is left there meanwhile, so an
    /// interrupted run leaves no stray file either. The scenario file read
    /// (`input`) is refused as a destination, and a symbolic link is
    /// followed: the file it points to is replaced, not the link.
    pub fn open(out: Option<&Path>, input: &Path) -> Result<Output, Failure> {
        let out = match out {
            None => None,
            Some(dest) => {
                // Where the path leads, once: to compare and to write to.
                let real = fs::canonicalize(dest).ok();
                if real.is_some() && real == fs::canonicalize(input).ok() {
                    return Err(Failure::Io(format!(
                        "--out {} is the scenario file itself; choose another file for the \
                         results",
                        dest.display()
                    )));
                }
                Some(match real {
                    Some(real) if dest.is_symlink() => real,
                    _ => dest.to_path_buf(),
                })
            }
        };
        match out.as_deref() {
            None => Ok(Output::Stdout),
            // A device or pipe (`/dev/null`, `/dev/stdout`) is written in
            // place: renaming a file over it would replace the device.
            Some(dest) if fs::metadata(dest).is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
                Ok(Output::Device(dest.to_path_buf()))
            }
            Some(dest) => {
                drop(PendingFile::create(dest)?);
                Ok(Output::File(dest.to_path_buf()))
            }
        }
    }

    /// Writes `text` and, for a file, puts it in place.
    pub fn finish(self, text: &str) -> Result<(), Failure> {
        match self {
            Output::Stdout => {
                let mut stdout = io::stdout().lock();
                stdout
                    .write_all(text.as_bytes())
                    .and_then(|()| stdout.flush())
                    .map_err(|e| match e.kind() {
                        io::ErrorKind::BrokenPipe => Failure::ClosedPipe,
                        _ => Failure::Io(format!("cannot write to stdout: {e}")),
                    })
            }
            Output::File(dest) => PendingFile::create(&dest)?.commit(text),
            Output::Device(dest) => OpenOptions::new()
                .write(true)
                .open(&dest)
                .and_then(|mut f| f.write_all(text.as_bytes()))
                .map_err(|e| {
                    Failure::Io(format!(
                        "cannot write --out {}: {}",
                        dest.display(),
                        describe(&e)
                    ))
                }),
        }
    }
}

impl PendingFile {
    fn create(dest: &Path) -> Result<PendingFile, Failure> {
        let shown = dest.display();
        let fail =
            |e: io::Error| Failure::Io(format!("cannot write --out {shown}: {}", describe(&e)));
        if dest.is_dir() {
            return Err(Failure::Io(format!(
                "cannot write --out {shown}: it is a directory"
            )));
        }
        let Some(file_name) = dest.file_name() else {
            return Err(Failure::Io(format!(
                "cannot write --out {shown}: not a file name"
            )));
        };
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut attempt = 0u32;
        loop {
            let mut temp_name = std::ffi::OsString::from(".");
            temp_name.push(file_name);
            temp_name.push(format!(".{}-{attempt}.tmp", std::process::id()));
            let temp = dir.join(temp_name);
            match OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(file) => {
                    return Ok(PendingFile {
                        temp,
                        dest: dest.to_path_buf(),
                        file: Some(file),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(fail(e)),
            }
        }
    }

    fn commit(mut self, text: &str) -> Result<(), Failure> {
        let shown = self.dest.display().to_string();
        let fail =
            |e: io::Error| Failure::Io(format!("cannot write --out {shown}: {}", describe(&e)));
        let Some(mut file) = self.file.take() else {
            return Err(fail(io::Error::other("already written")));
        };
        file.write_all(text.as_bytes()).map_err(fail)?;
        file.sync_all().map_err(fail)?;
        drop(file);
        fs::rename(&self.temp, &self.dest).map_err(fail)?;
        // Renamed: nothing left for Drop to remove.
        self.temp = PathBuf::new();
        Ok(())
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        self.file = None;
        if !self.temp.as_os_str().is_empty() {
            // Best effort: the file may already be gone.
            if fs::remove_file(&self.temp).is_err() {}
        }
    }
}

fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
