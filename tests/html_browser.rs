//! The HTML report of `polyalign check` opened in a real headless browser (Chromium): it
//! loads without console messages, its script applies the filter, and the flagged unit is
//! rendered highlighted (read from a screenshot's pixels).
//!
//! Needs `chromium` (or `chromium-browser`, `google-chrome`, or the path in
//! `POLYALIGN_CHROMIUM`). Without one the test says so and passes, except under `CI=true`
//! (`.ci/run` sets it, and installs Chromium), where a missing browser is a failure.

mod common;
use common::{check_trio, polyalign, temp_dir, tool_missing};

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("POLYALIGN_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs the browser headless on `url` with `args`; returns (stdout, stderr).
fn browse(browser: &Path, profile: &Path, args: &[String], url: &str) -> (String, String) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the browser");
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the browser did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "browser failed: {out:?}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Pixels of a PNG screenshot that have this colour (within 2 per channel).
fn pixels_of(png_path: &Path, rgb: [u8; 3]) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    buf[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| (0..3).all(|i| p[i].abs_diff(rgb[i]) <= 2))
        .count()
}

#[test]
fn the_html_report_renders_and_filters_in_a_real_browser() {
    let Some(browser) = chromium() else {
        tool_missing(
            "chromium",
            "the HTML report in a real browser",
            "apt-get install chromium, or set POLYALIGN_CHROMIUM to a browser",
        );
        return;
    };
    let dir = temp_dir();
    let page = dir.path().join("report.html");
    polyalign(dir.path())
        .arg("check")
        .args(check_trio("number.uk.txt"))
        .args(["--langs", "en,ru,uk", "--html"])
        .arg(&page)
        .assert()
        .code(1);
    let url = format!("file://{}", page.display());

    // The page as the browser has it after its script ran.
    let (dom, log) = browse(
        &browser,
        &dir.path().join("p1"),
        &["--dump-dom".into()],
        &url,
    );
    assert!(!log.contains(":CONSOLE"), "console messages:\n{log}");
    assert!(
        dom.contains(r#"<span id="shown">showing 39 of 39 units</span>"#),
        "{dom}"
    );
    assert!(dom.contains("numbers differ: en has 412,000,000, uk has 421,000,000"));

    // Filtered by kind through the address: only the unit with a number finding shows.
    let (dom, log) = browse(
        &browser,
        &dir.path().join("p2"),
        &["--dump-dom".into()],
        &format!("{url}#kind=number"),
    );
    assert!(!log.contains(":CONSOLE"), "console messages:\n{log}");
    assert!(dom.contains(r#"<span id="shown">showing 1 of 39 units</span>"#));
    assert_eq!(dom.matches(r#"class="hidden""#).count(), 38);
    assert!(dom.contains(r##"<a href="#kind=number" class="active">number (1)</a>"##));

    // Rendered: the flagged unit is painted in the error colour (#fde8e8); filtered to a
    // kind with no findings, only the summary's badge keeps that colour.
    let error_bg = [0xfd, 0xe8, 0xe8];
    let shot = dir.path().join("all.png");
    browse(
        &browser,
        &dir.path().join("p3"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".into(),
        ],
        &url,
    );
    let all = pixels_of(&shot, error_bg);
    let shot = dir.path().join("none.png");
    browse(
        &browser,
        &dir.path().join("p4"),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".into(),
        ],
        &format!("{url}#kind=missing"),
    );
    let none = pixels_of(&shot, error_bg);
    assert!(
        all > 50_000,
        "flagged row: {all} pixels in the error colour"
    );
    assert!(none > 500, "badge: {none} pixels in the error colour");
    assert!(none < 5_000, "no flagged row shown: {none} pixels");
}
