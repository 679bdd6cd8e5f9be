//! Helpers shared by the integration tests.

use std::path::Path;
use std::process::Command;

/// Validates TMX files against the TMX 1.4b DTD (`tests/fixtures/tmx/tmx14.dtd`) with
/// `xmllint`, in batches of 100; when `xmllint` is not installed, says so and skips.
pub fn validate_with_xmllint<P: AsRef<Path>>(files: &[P]) {
    if Command::new("xmllint").arg("--version").output().is_err() {
        println!("note: xmllint is not on the PATH: DTD validation skipped (apt-get install libxml2-utils)");
        return;
    }
    let dtd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tmx/tmx14.dtd");
    for chunk in files.chunks(100) {
        let out = Command::new("xmllint")
            .args(["--noout", "--nonet", "--dtdvalid"])
            .arg(&dtd)
            .args(chunk.iter().map(AsRef::as_ref))
            .output()
            .expect("xmllint runs");
        assert!(
            out.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
