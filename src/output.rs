//! Output files, written atomically and never over an input.
//!
//! Every file polyalign writes (TMX, TSV and JSON lines memories, `.ptm` indexes, drafts,
//! reports, HTML pages) goes through [`write_atomically`]:
//!
//! 1. the output is refused when it is one of the inputs (the same file once links and
//!    `..` are resolved), before anything is written;
//! 2. the content goes into a temporary file in the output's directory (so that the
//!    rename below stays on one file system), through a buffer;
//! 3. the buffer is flushed and the file synced to disk;
//! 4. it gets the permissions of the file it replaces, or, for a new file, those of any
//!    new file (`0666` less the umask on Unix: `0644` with the usual umask `022`);
//! 5. it is renamed over the output, in one step.
//!
//! So an output is the old file or the whole new one, never half a file: not when the
//! writer fails, nor when the run is interrupted. A failed write leaves no temporary file
//! behind. Errors ([`OutputError`]) name the file.
//!
//! ```
//! use std::io::Write;
//! use polyalign::output::{write_atomically, OutputError};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("units.tsv");
//! let rows = write_atomically(&path, &[], |w| {
//!     writeln!(w, "en\tuk")?;
//!     writeln!(w, "Hello.\tПривіт.")?;
//!     Ok(1)
//! })?;
//! assert_eq!(rows, 1);
//! assert_eq!(std::fs::read_to_string(&path).unwrap(), "en\tuk\nHello.\tПривіт.\n");
//!
//! // An input is never overwritten.
//! let err = write_atomically(&path, &[path.clone()], |w| w.write_all(b"x")).unwrap_err();
//! assert!(matches!(err, OutputError::IsInput { .. }));
//! assert!(err.to_string().ends_with("units.tsv is an input: choose another output file"));
//! # Ok::<(), OutputError>(())
//! ```

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// An error writing an output file. Each variant names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The output is one of the inputs (the same file once links and `..` are resolved):
    /// nothing was written.
    #[error("{} is an input: choose another output file", .path.display())]
    IsInput {
        /// The output file.
        path: PathBuf,
    },
    /// No temporary file could be made in the output's directory (it does not exist, or
    /// cannot be written to): the output was left as it was.
    #[error("cannot write {}: cannot create a temporary file in {}", .path.display(), .dir.display())]
    TempFile {
        /// The output file.
        path: PathBuf,
        /// Its directory, where the temporary file was to be.
        dir: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// Writing failed: the caller's writer, or flushing, syncing or renaming the
    /// temporary file into place. The output was left as it was.
    #[error("cannot write {}", .path.display())]
    Write {
        /// The output file.
        path: PathBuf,
        /// The underlying error (an error of the caller's writer is passed through as
        /// it was returned, so it can be told apart with [`io::Error::get_ref`]).
        #[source]
        source: io::Error,
    },
}

impl OutputError {
    /// The output file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            OutputError::IsInput { path }
            | OutputError::TempFile { path, .. }
            | OutputError::Write { path, .. } => path,
        }
    }

    /// The output file and the I/O error, for an error type of that shape: the source of
    /// a failed write, or an [`io::ErrorKind::InvalidInput`] error for an input.
    pub(crate) fn into_parts(self) -> (PathBuf, io::Error) {
        match self {
            OutputError::TempFile { path, source, .. } | OutputError::Write { path, source } => {
                (path, source)
            }
            e @ OutputError::IsInput { .. } => {
                let path = e.path().to_path_buf();
                (path, io::Error::new(io::ErrorKind::InvalidInput, e))
            }
        }
    }
}

/// Writes the file `path` atomically with `write` (see the [module](self) documentation),
/// and returns what `write` returned. `inputs` are the files the output is made from: the
/// output is refused when it is one of them ([`OutputError::IsInput`]).
///
/// `write` gets a buffered writer; an error it returns is an [`OutputError::Write`] with
/// that error as its source (wrap other errors with [`io::Error::other`]).
pub fn write_atomically<T>(
    path: impl AsRef<Path>,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, OutputError> {
    let path = path.as_ref();
    if is_input(path, inputs) {
        return Err(OutputError::IsInput { path: path.into() });
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let failed = |source| OutputError::Write {
        path: path.into(),
        source,
    };
    let tmp = temporary_file(path, dir).map_err(|source| OutputError::TempFile {
        path: path.into(),
        dir: dir.into(),
        source,
    })?;
    // From here on, an early return drops `tmp`, which removes the temporary file.
    let mut buf = BufWriter::new(tmp);
    let value = write(&mut buf).map_err(failed)?;
    let tmp = buf.into_inner().map_err(|e| failed(e.into_error()))?;
    if let Ok(meta) = fs::metadata(path) {
        // The file replaced keeps its permissions.
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(failed)?;
    }
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    sync_dir(dir);
    Ok(value)
}

/// Whether `path` is one of `inputs`. A path that does not exist yet is none of them.
pub(crate) fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(out) = path.canonicalize() else {
        return false;
    };
    inputs
        .iter()
        .any(|input| input.canonicalize().is_ok_and(|i| i == out))
}

/// A temporary file beside `path` (`.tmp.NAME.XXXXXX`), with the permissions of a new
/// file: on Unix it is created with mode `0666`, which the umask restricts as it restricts
/// any new file.
fn temporary_file(path: &Path, dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".tmp.{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Syncs a directory, so that a rename in it survives a crash (Unix; elsewhere nothing).
/// Best effort: the file itself is already synced.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_output_is_the_old_file_or_the_whole_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomically(&path, &[], |w| w.write_all(b"one")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        let n = write_atomically(&path, &[], |w| {
            w.write_all(b"two")?;
            Ok(2)
        })
        .unwrap();
        assert_eq!((n, fs::read_to_string(&path).unwrap().as_str()), (2, "two"));
        // A writer that fails after writing more than the buffer holds.
        let err = write_atomically(&path, &[], |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err::<(), _>(io::Error::other("the writer gave up"))
        })
        .unwrap_err();
        assert!(matches!(err, OutputError::Write { .. }), "{err:?}");
        assert_eq!(err.path(), path);
        assert!(err.to_string().contains("out.txt"), "{err}");
        let source = std::error::Error::source(&err).unwrap().to_string();
        assert_eq!(source, "the writer gave up");
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            files_in(dir.path()),
            ["out.txt"],
            "no temporary file is left"
        );
    }

    #[test]
    fn refuses_to_write_over_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.txt");
        fs::write(&input, "input").unwrap();
        // The same file by another path.
        let other = dir.path().join(".").join("in.txt");
        let inputs = [dir.path().join("missing.txt"), input.clone()];
        let err = write_atomically(&other, &inputs, |w| w.write_all(b"x")).unwrap_err();
        match &err {
            OutputError::IsInput { path } => assert_eq!(path, &other),
            e => panic!("{e:?}"),
        }
        assert_eq!(
            err.to_string(),
            format!(
                "{} is an input: choose another output file",
                other.display()
            )
        );
        assert_eq!(fs::read_to_string(&input).unwrap(), "input");
        assert_eq!(files_in(dir.path()), ["in.txt"]);
        // Another file is written.
        write_atomically(dir.path().join("out.txt"), &inputs, |w| w.write_all(b"x")).unwrap();
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.txt");
        let err = write_atomically(&path, &[], |w| w.write_all(b"x")).unwrap_err();
        match &err {
            OutputError::TempFile { dir: d, .. } => assert!(d.ends_with("no/such/dir")),
            e => panic!("{e:?}"),
        }
        assert_eq!(err.path(), path);
        assert!(err.to_string().contains("no/such/dir"), "{err}");
    }

    #[cfg(unix)]
    mod unix {
        use super::*;
        use std::os::unix::fs::PermissionsExt;

        fn mode(path: &Path) -> u32 {
            fs::metadata(path).unwrap().permissions().mode() & 0o7777
        }

        /// The mode a new file gets from `File::create`: `0666` less the umask.
        fn umask_default(dir: &Path) -> u32 {
            let probe = dir.join("probe");
            fs::File::create(&probe).unwrap();
            let m = mode(&probe);
            fs::remove_file(&probe).unwrap();
            m
        }

        #[test]
        fn a_new_file_gets_the_permissions_of_any_new_file() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("new.txt");
            write_atomically(&path, &[], |w| w.write_all(b"x")).unwrap();
            assert_eq!(mode(&path), umask_default(dir.path()));
            assert_ne!(mode(&path), 0o600, "not a temporary file's permissions");
        }

        #[test]
        fn a_replaced_file_keeps_its_permissions() {
            let dir = tempfile::tempdir().unwrap();
            for want in [0o640, 0o755, 0o604, 0o444] {
                let path = dir.path().join(format!("old-{want:o}.txt"));
                fs::write(&path, "old").unwrap();
                fs::set_permissions(&path, fs::Permissions::from_mode(want)).unwrap();
                write_atomically(&path, &[], |w| w.write_all(b"new")).unwrap();
                assert_eq!(mode(&path), want, "{want:o}");
                assert_eq!(fs::read_to_string(&path).unwrap(), "new");
            }
        }

        #[test]
        fn an_input_reached_through_a_link_is_refused() {
            let dir = tempfile::tempdir().unwrap();
            let input = dir.path().join("in.txt");
            fs::write(&input, "input").unwrap();
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            let err = write_atomically(&link, std::slice::from_ref(&input), |w| w.write_all(b"x"));
            assert!(matches!(err, Err(OutputError::IsInput { .. })));
            assert_eq!(fs::read_to_string(&input).unwrap(), "input");
        }
    }
}
