//! Every output file of every command, and of the library's file writers, is written by
//! `polyalign::output::write_atomically`: it refuses to write over an input, leaves no
//! temporary file, gives a new file the umask's permissions (not a temporary file's
//! 0600) and keeps those of a file it replaces.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{polyalign, repo_path, temp_dir};
use polyalign::tm::TranslationMemory;
use polyalign::tmx::{write_tmx_file, Header, Tmx, Tu};
use predicates::str::contains;

const SAMPLES: &[&str] = &[
    "harbour-bridge.en.txt",
    "harbour-bridge.ru.txt",
    "harbour-bridge.uk.txt",
];

/// A temporary directory holding the sample article and two memories made from it
/// (`memory.tmx`, `out.tmx`).
fn setup() -> tempfile::TempDir {
    let dir = temp_dir();
    for name in SAMPLES {
        fs::copy(repo_path(&format!("samples/{name}")), dir.path().join(name)).expect("sample");
    }
    let (en, ru, uk) = (SAMPLES[0], SAMPLES[1], SAMPLES[2]);
    run(dir.path(), &["align", en, ru, uk, "-o", "memory.tmx"]);
    run(dir.path(), &["align", en, ru, "-o", "out.tmx"]);
    dir
}

/// Runs the binary in `dir` and checks it ran (exit 0, or 1 for findings of `check`).
fn run(dir: &Path, args: &[&str]) {
    let out = polyalign(dir).args(args).output().expect("runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Temporary files left in `dir`.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".tmp"))
        })
        .collect()
}

/// The commands that write files, with the files each writes.
fn commands() -> Vec<(Vec<&'static str>, Vec<&'static str>)> {
    let (en, ru, uk) = (SAMPLES[0], SAMPLES[1], SAMPLES[2]);
    vec![
        (vec!["align", en, ru, "-o", "out.tmx"], vec!["out.tmx"]),
        (vec!["align", en, ru, "-o", "out.tsv"], vec!["out.tsv"]),
        (vec!["align", en, ru, "-o", "out.jsonl"], vec!["out.jsonl"]),
        (
            vec!["align", en, ru, uk, "--pairs", "-o", "pair.tmx"],
            vec!["pair.en-ru.tmx", "pair.en-uk.tmx", "pair.ru-uk.tmx"],
        ),
        (
            vec!["check", en, ru, "-o", "report.txt", "--html", "page.html"],
            vec!["report.txt", "page.html"],
        ),
        (
            vec!["tmx", "convert", "memory.tmx", "-o", "memory.tsv"],
            vec!["memory.tsv"],
        ),
        (
            vec!["tmx", "merge", "memory.tmx", "out.tmx", "-o", "merged.tmx"],
            vec!["merged.tmx"],
        ),
        (
            vec!["tm", "build", "memory.tmx", "-o", "memory.ptm"],
            vec!["memory.ptm"],
        ),
        (
            vec![
                "pretranslate",
                en,
                "--tm",
                "memory.tmx",
                "--to",
                "ru",
                "-o",
                "draft",
            ],
            vec!["draft.ru.txt", "draft.report.json"],
        ),
    ]
}

#[test]
fn every_command_refuses_to_write_over_an_input() {
    let dir = setup();
    for (args, outputs) in commands() {
        // Name the first output after the first input that is a file.
        let input = *args[1..]
            .iter()
            .find(|a| dir.path().join(a).is_file())
            .expect("an input");
        let before = fs::read(dir.path().join(input)).expect("input");
        // Outputs named after a prefix are tested below.
        if outputs[0] == "pair.en-ru.tmx" || outputs[0] == "draft.ru.txt" {
            continue;
        }
        let mut args = args.clone();
        let at = args.iter().position(|a| *a == outputs[0]).expect("output");
        args[at] = input;
        polyalign(dir.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(contains("is an input: choose another output file"));
        assert_eq!(
            fs::read(dir.path().join(input)).unwrap(),
            before,
            "{args:?}"
        );
    }
    // Drafts are named after a prefix: a memory named like a draft is an input too.
    fs::copy(dir.path().join("memory.tmx"), dir.path().join("old.ru.txt")).unwrap();
    polyalign(dir.path())
        .args([
            "pretranslate",
            SAMPLES[0],
            "--tm",
            "old.ru.txt",
            "--to",
            "ru",
            "-o",
            "old",
        ])
        .assert()
        .code(2)
        .stderr(contains("old.ru.txt is an input"));
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).expect("written").permissions().mode() & 0o7777
    }

    /// The mode of a new file: 0666 less the umask.
    fn umask_default(dir: &Path) -> u32 {
        let probe = dir.join("probe");
        fs::File::create(&probe).expect("probe");
        let m = mode(&probe);
        fs::remove_file(&probe).expect("probe");
        m
    }

    #[test]
    fn every_command_gives_new_files_the_umask_permissions_and_keeps_old_ones() {
        let dir = setup();
        let new = umask_default(dir.path());
        for (args, outputs) in commands() {
            run(dir.path(), &args);
            for out in &outputs {
                let path = dir.path().join(out);
                assert_eq!(mode(&path), new, "{args:?}: {out}");
                fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
            }
            run(dir.path(), &args);
            for out in &outputs {
                assert_eq!(mode(&dir.path().join(out)), 0o640, "{args:?}: {out}");
            }
        }
        assert!(
            leftovers(dir.path()).is_empty(),
            "{:?}",
            leftovers(dir.path())
        );
    }

    /// `TranslationMemory::save` left a private temporary file's mode (0600).
    #[test]
    fn a_saved_memory_is_not_private() {
        let dir = temp_dir();
        let mut tm = TranslationMemory::new();
        tm.add(
            &Tu::new()
                .with_variant("en", "Hi.")
                .with_variant("uk", "Привіт."),
            "a.tmx",
        );
        let path = dir.path().join("memory.ptm");
        tm.save(&path).unwrap();
        assert_eq!(mode(&path), umask_default(dir.path()));
        assert_eq!(TranslationMemory::load(&path).unwrap().len(), 1);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        tm.save(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_written_tmx_file_has_the_umask_permissions() {
        let dir = temp_dir();
        let path = dir.path().join("memory.tmx");
        let tmx = Tmx {
            header: Header::new("en"),
            units: vec![Tu::new().with_variant("en", "Hi.")],
        };
        write_tmx_file(&path, &tmx).unwrap();
        assert_eq!(mode(&path), umask_default(dir.path()));
    }
}

#[test]
fn library_writers_name_the_file_when_its_directory_is_missing() {
    let dir = temp_dir();
    let path = dir.path().join("no/such/dir/memory.ptm");
    let err = TranslationMemory::new()
        .save(&path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("memory.ptm"), "{err}");
    let tmx = Tmx {
        header: Header::new("en"),
        units: vec![Tu::new().with_variant("en", "Hi.")],
    };
    let err = write_tmx_file(path.with_extension("tmx"), &tmx)
        .unwrap_err()
        .to_string();
    assert!(err.contains("memory.tmx"), "{err}");
}
