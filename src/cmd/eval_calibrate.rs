//! `polyalign eval calibrate`: fit the calibration of scores on gold alignments.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use polyalign::align::{AlignConfig, Calibration};
use polyalign::doc::Record;
use polyalign::eval::calibrate::{calibration_error, CalibrationData};

/// Arguments of `polyalign eval calibrate`.
#[derive(clap::Args)]
pub struct CalibrateArgs {
    /// Gold files: aligned documents, one JSON object per line (`.jsonl`) or one per file.
    #[arg(long, required = true, num_args = 1..)]
    gold: Vec<PathBuf>,
    /// Write the fitted calibration here (the built-in one is
    /// src/align/data/calibration.txt; rebuild to use it). Without it, only print.
    #[arg(long)]
    write: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: CalibrateArgs) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut golds: Vec<Record> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for path in &args.gold {
        let before = golds.len();
        for (n, line) in super::json_records(path)? {
            let doc: Record = serde_json::from_str(&line)
                .with_context(|| format!("{}: line {}", path.display(), n))?;
            golds.push(doc);
        }
        let name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        names.push(format!("{name} ({} documents)", golds.len() - before));
    }
    let data = CalibrationData::new(&golds, &AlignConfig::default())?;
    let cal = data.fit();
    let (raw_links, raw_units) = data.scored_where(&Calibration::identity(), |_| true);
    let (links, units) = data.scored_where(&cal, |_| true);
    let held = data.held_out();
    writeln!(
        out,
        "links: {} (ECE raw {:.4}, calibrated {:.4}, held out {:.4})",
        links.len(),
        calibration_error(&raw_links, 10),
        calibration_error(&links, 10),
        held.links
    )?;
    writeln!(
        out,
        "units: {} (ECE raw {:.4}, calibrated {:.4}, held out {:.4})",
        units.len(),
        calibration_error(&raw_units, 10),
        calibration_error(&units, 10),
        held.units
    )?;
    let text = cal.to_text(&names.join(", "));
    match &args.write {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            writeln!(out, "wrote {}", path.display())?;
        }
        None => write!(out, "{text}")?,
    }
    Ok(ExitCode::SUCCESS)
}
