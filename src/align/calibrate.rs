//! Calibrated scores: a link's score is the probability that it is right, a unit's the
//! probability that its links are right.
//!
//! The cost model gives every link a raw confidence (`1 / (1 + e^(1.5 (cost - 2)))`, of
//! its cost). That number orders links well but is not a probability: a sentence with no
//! counterpart gets 0.05 although most such links are right. A [`Calibration`] maps it to
//! one, by Platt scaling per link class:
//!
//! `p = 1 / (1 + e^-(intercept + slope · logit(raw)))`
//!
//! with three classes, `one` (1-1), `null` (1-0 and 0-1: the probability that the
//! sentence truly has no counterpart) and `many` (2-1, 1-2, 2-2, 1-3, 3-1).
//!
//! A unit's score is the probability that its *present* links are all right: the links
//! of the unit whose both sides hold sentences, so that a unit one version leaves out
//! keeps the score of the pairs that are there. A unit of one version only (every link
//! of it empty on one side) scores the probability that its sentences truly have no
//! counterpart. The product of those links' probabilities (they are not independent: in a
//! three-way unit, en-ru and en-uk right make ru-uk right) goes through a fourth Platt
//! scaling, class `unit`.
//!
//! The parameters live in `src/align/data/calibration.txt`, written by `polyalign eval
//! calibrate --gold FILE... --write src/align/data/calibration.txt`, which aligns the gold
//! sentences with raw scores ([`AlignConfig::calibrated`](super::AlignConfig) `false`),
//! fits the link classes on whether each link is strictly a gold link, then the unit
//! class on whether each unit's present links all are. Re-run it whenever the cost model
//! changes.
//!
//! ```
//! use polyalign::align::Calibration;
//! let cal = Calibration::builtin();
//! // Monotone: a more confident raw score is never less probable.
//! assert!(cal.link_probability(1, 1, 0.9) >= cal.link_probability(1, 1, 0.5));
//! let text = cal.to_text("example");
//! assert_eq!(&Calibration::parse(&text).unwrap(), cal);
//! ```

use super::{Alignment, Link};

/// The Platt parameters of one class: `p = σ(intercept + slope · logit(raw))`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Platt {
    /// The intercept.
    pub intercept: f64,
    /// The slope (not negative in a fitted calibration: the map is monotone).
    pub slope: f64,
}

impl Platt {
    /// The identity map (intercept 0, slope 1).
    pub const IDENTITY: Platt = Platt {
        intercept: 0.0,
        slope: 1.0,
    };

    /// The probability of a raw score in [0, 1].
    pub fn apply(&self, raw: f64) -> f64 {
        sigmoid(self.intercept + self.slope * logit(raw))
    }

    /// Fits the parameters to `(raw score, right)` samples by maximum likelihood: Newton's
    /// method with step halving on the standardised logit, with a small ridge on the slope
    /// so that one-valued or separable samples stay finite. The slope is kept at 0 or
    /// above (the map is monotone). No samples give the identity.
    pub fn fit(samples: &[(f64, bool)]) -> Platt {
        if samples.is_empty() {
            return Platt::IDENTITY;
        }
        // Targets smoothed as Platt (1999) does, so that a class of all-right links does
        // not get a probability of exactly 1.
        let pos = samples.iter().filter(|s| s.1).count() as f64;
        let n = samples.len() as f64;
        let (hi, lo) = ((pos + 1.0) / (pos + 2.0), 1.0 / (n - pos + 2.0));
        let raw: Vec<(f64, f64)> = samples
            .iter()
            .map(|&(r, right)| (logit(r), if right { hi } else { lo }))
            .collect();
        let mean = raw.iter().map(|x| x.0).sum::<f64>() / n;
        let sd = (raw.iter().map(|x| (x.0 - mean).powi(2)).sum::<f64>() / n).sqrt();
        let spread = sd > 1e-6;
        let z: Vec<(f64, f64)> = raw
            .iter()
            .map(|&(x, t)| (if spread { (x - mean) / sd } else { 0.0 }, t))
            .collect();
        let ridge = 1e-2;
        let loss = |a: f64, b: f64| {
            z.iter()
                .map(|&(x, t)| {
                    let m = a + b * x;
                    // -t ln σ(m) - (1 - t) ln(1 - σ(m)), stably.
                    m.max(0.0) - t * m + (-m.abs()).exp().ln_1p()
                })
                .sum::<f64>()
                + ridge * b * b / 2.0
        };
        let (mut a, mut b) = (logit(pos / n), 0.0f64);
        let mut current = loss(a, b);
        for _ in 0..100 {
            let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, ridge * b, 1e-9, 0.0, ridge);
            for &(x, t) in &z {
                let p = sigmoid(a + b * x);
                let w = p * (1.0 - p);
                ga += p - t;
                gb += (p - t) * x;
                haa += w;
                hab += w * x;
                hbb += w * x * x;
            }
            let det = haa * hbb - hab * hab;
            let (da, db) = if spread && det > 1e-12 {
                ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det)
            } else {
                (ga / haa, 0.0)
            };
            let mut step = 1.0;
            let mut improved = false;
            while step > 1e-6 {
                let (na, nb) = (a - step * da, b - step * db);
                let l = loss(na, nb);
                if l <= current {
                    improved = current - l > 1e-12;
                    (a, b, current) = (na, nb, l);
                    break;
                }
                step /= 2.0;
            }
            if !improved {
                break;
            }
        }
        let (mut a, mut b) = if spread {
            (a - b * mean / sd, b / sd)
        } else {
            (a, 0.0)
        };
        if b < 0.0 {
            // Not monotone in the raw score: the class's rate alone.
            (a, b) = (logit((pos + 1.0) / (n + 2.0)), 0.0);
        }
        Platt {
            intercept: a,
            slope: b,
        }
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// `ln(p / (1 - p))`, with `p` kept inside [1e-9, 1 - 1e-9].
fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
}

/// The class of a link: 1-1, one side empty, or several sentences on a side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkClass {
    /// One sentence on each side.
    One,
    /// One side empty: a sentence with no counterpart.
    Null,
    /// Several sentences on at least one side, none empty.
    Many,
}

impl LinkClass {
    /// The class of a link with `a` and `b` sentences on its sides.
    pub fn of(a: usize, b: usize) -> LinkClass {
        match (a, b) {
            (1, 1) => LinkClass::One,
            (0, _) | (_, 0) => LinkClass::Null,
            _ => LinkClass::Many,
        }
    }

    const ALL: [(LinkClass, &'static str); 3] = [
        (LinkClass::One, "one"),
        (LinkClass::Null, "null"),
        (LinkClass::Many, "many"),
    ];

    fn index(self) -> usize {
        match self {
            LinkClass::One => 0,
            LinkClass::Null => 1,
            LinkClass::Many => 2,
        }
    }
}

/// The map from raw scores to probabilities; see the [module documentation](self).
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Per link class, in the order `one`, `null`, `many`.
    links: [Platt; 3],
    /// Of the product of a unit's present links' probabilities.
    unit: Platt,
}

/// A line of the calibration file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalibrationError {
    /// Not `class intercept slope` with a known class and two numbers.
    #[error("calibration line {line}: {message}")]
    BadLine {
        /// The line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A class has no line.
    #[error("calibration: no line for class {0}")]
    Missing(&'static str),
}

const BUILTIN: &str = include_str!("data/calibration.txt");

impl Calibration {
    /// The calibration compiled in (`src/align/data/calibration.txt`).
    pub fn builtin() -> &'static Calibration {
        static CAL: std::sync::OnceLock<Calibration> = std::sync::OnceLock::new();
        CAL.get_or_init(|| Calibration::parse(BUILTIN).expect("the built-in calibration parses"))
    }

    /// The identity on every class: scores stay the raw confidence, units the product of
    /// their present links' scores.
    pub fn identity() -> Calibration {
        Calibration {
            links: [Platt::IDENTITY; 3],
            unit: Platt::IDENTITY,
        }
    }

    /// Reads the file format: `#` comments, and one line `class intercept slope` for each
    /// of the classes `one`, `null`, `many` and `unit`.
    pub fn parse(text: &str) -> Result<Calibration, CalibrationError> {
        let mut links: [Option<Platt>; 3] = [None; 3];
        let mut unit = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let bad = |message: String| CalibrationError::BadLine {
                line: n + 1,
                message,
            };
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [class, a, b] = fields[..] else {
                return Err(bad(format!(
                    "expected `class intercept slope`, got {line:?}"
                )));
            };
            let num = |s: &str| {
                s.parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| bad(format!("{s:?} is not a number")))
            };
            let platt = Platt {
                intercept: num(a)?,
                slope: num(b)?,
            };
            if platt.slope < 0.0 {
                return Err(bad(format!(
                    "slope {} of {class} is negative: the map must be monotone",
                    platt.slope
                )));
            }
            match LinkClass::ALL.iter().find(|(_, name)| *name == class) {
                Some((c, _)) => links[c.index()] = Some(platt),
                None if class == "unit" => unit = Some(platt),
                None => return Err(bad(format!("unknown class {class:?}"))),
            }
        }
        let mut out = [Platt::IDENTITY; 3];
        for (c, name) in LinkClass::ALL {
            out[c.index()] = links[c.index()].ok_or(CalibrationError::Missing(name))?;
        }
        Ok(Calibration {
            links: out,
            unit: unit.ok_or(CalibrationError::Missing("unit"))?,
        })
    }

    /// The file format [`parse`](Self::parse) reads, with `source` (what it was fitted
    /// on) in its header.
    pub fn to_text(&self, source: &str) -> String {
        let mut out = String::from(
            "# Calibration of link and unit scores (src/align/calibrate.rs).\n\
             # Generated by `polyalign eval calibrate`: do not edit, re-run it.\n",
        );
        out.push_str(&format!("# fitted on: {source}\n"));
        out.push_str(
            "# class intercept slope: p = 1 / (1 + exp(-(intercept + slope * logit(raw))))\n",
        );
        for (c, name) in LinkClass::ALL {
            let p = self.links[c.index()];
            out.push_str(&format!("{name} {:.6} {:.6}\n", p.intercept, p.slope));
        }
        out.push_str(&format!(
            "unit {:.6} {:.6}\n",
            self.unit.intercept, self.unit.slope
        ));
        out
    }

    /// The Platt parameters of a link class.
    pub fn link_class(&self, class: LinkClass) -> Platt {
        self.links[class.index()]
    }

    /// The Platt parameters of units.
    pub fn unit_class(&self) -> Platt {
        self.unit
    }

    /// A calibration with these parameters.
    pub fn new(one: Platt, null: Platt, many: Platt, unit: Platt) -> Calibration {
        Calibration {
            links: [one, null, many],
            unit,
        }
    }

    /// The probability that a link with `a` and `b` sentences and raw confidence `raw` is
    /// right.
    pub fn link_probability(&self, a: usize, b: usize, raw: f64) -> f64 {
        self.links[LinkClass::of(a, b).index()].apply(raw)
    }

    /// The probability that a unit with these links (already calibrated) is right: the
    /// product of its present links (see the [module documentation](self)), through the
    /// `unit` class.
    pub fn unit_score<'l>(&self, links: impl IntoIterator<Item = &'l Link>) -> f64 {
        self.unit.apply(present_product(links))
    }

    /// Replaces every link's raw score by its probability, then every unit's score by
    /// [`unit_score`](Self::unit_score) of its links.
    pub fn apply(&self, al: &mut Alignment) {
        for p in &mut al.pairs {
            for l in &mut p.links {
                l.score = self.link_probability(l.src.len(), l.tgt.len(), l.score);
            }
        }
        self.score_units(al);
    }

    /// Sets every unit's score to [`unit_score`](Self::unit_score) of its links.
    pub fn score_units(&self, al: &mut Alignment) {
        // One pass over the links, without a list per unit: a long document has hundreds
        // of thousands of units.
        let mut products = vec![PresentProduct::default(); al.units.len()];
        for (p, of) in al.pairs.iter().zip(al.link_units()) {
            for (l, n) in p.links.iter().zip(of) {
                if let Some(n) = n {
                    products[n].add(l);
                }
            }
        }
        for (u, product) in al.units.iter_mut().zip(products) {
            u.score = self.unit.apply(product.value());
        }
    }
}

/// The links that decide a unit: those with sentences on both sides, or all of them when
/// none has.
pub fn present_links<'l>(links: impl IntoIterator<Item = &'l Link>) -> Vec<&'l Link> {
    let all: Vec<&Link> = links.into_iter().collect();
    let present: Vec<&Link> = all
        .iter()
        .copied()
        .filter(|l| !l.src.is_empty() && !l.tgt.is_empty())
        .collect();
    if present.is_empty() {
        all
    } else {
        present
    }
}

fn present_product<'l>(links: impl IntoIterator<Item = &'l Link>) -> f64 {
    let mut product = PresentProduct::default();
    for l in links {
        product.add(l);
    }
    product.value()
}

/// The product of the scores of a unit's [`present_links`], taken link by link: of its
/// links with sentences on both sides, or of all of them when none has.
#[derive(Debug, Clone, Copy)]
struct PresentProduct {
    present: f64,
    any_present: bool,
    all: f64,
}

impl Default for PresentProduct {
    fn default() -> Self {
        PresentProduct {
            present: 1.0,
            any_present: false,
            all: 1.0,
        }
    }
}

impl PresentProduct {
    fn add(&mut self, l: &Link) {
        self.all *= l.score;
        if !l.src.is_empty() && !l.tgt.is_empty() {
            self.present *= l.score;
            self.any_present = true;
        }
    }

    fn value(&self) -> f64 {
        if self.any_present {
            self.present
        } else {
            self.all
        }
    }
}

impl Alignment {
    /// The links of each unit, as `(index into pairs, index into that pair's links)`: a
    /// link belongs to the unit that holds its sentences (no link crosses a unit
    /// boundary). A link whose sentences are in no unit (units filtered out) is in none.
    pub fn unit_links(&self) -> Vec<Vec<(usize, usize)>> {
        let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.units.len()];
        for (pi, of) in self.link_units().into_iter().enumerate() {
            for (li, n) in of.into_iter().enumerate() {
                if let Some(n) = n {
                    out[n].push((pi, li));
                }
            }
        }
        out
    }

    /// For each pair, the unit each of its links belongs to (see
    /// [`unit_links`](Self::unit_links)).
    fn link_units(&self) -> Vec<Vec<Option<usize>>> {
        let mut unit_of: Vec<Vec<usize>> = Vec::with_capacity(self.langs.len());
        for k in 0..self.langs.len() {
            let len = self
                .units
                .iter()
                .filter_map(|u| u.groups.get(k).map(|g| g.end))
                .max()
                .unwrap_or(0);
            let mut of = vec![usize::MAX; len];
            for (n, u) in self.units.iter().enumerate() {
                if let Some(g) = u.groups.get(k) {
                    for x in g.clone() {
                        of[x] = n;
                    }
                }
            }
            unit_of.push(of);
        }
        self.pairs
            .iter()
            .map(|p| {
                p.links
                    .iter()
                    .map(|l| {
                        let at = if !l.src.is_empty() {
                            unit_of.get(p.a).and_then(|of| of.get(l.src.start))
                        } else {
                            unit_of.get(p.b).and_then(|of| of.get(l.tgt.start))
                        };
                        at.copied().filter(|&n| n != usize::MAX)
                    })
                    .collect()
            })
            .collect()
    }

    /// For each unit, the score of each pair of versions it has links of: `((a, b),
    /// score)` with version indices `a < b`, the product of that pair's link scores in the
    /// unit (one link, unless the unit joins several), in the order of `pairs`.
    pub fn unit_pair_scores(&self) -> Vec<Vec<((usize, usize), f64)>> {
        self.unit_links()
            .into_iter()
            .map(|links| {
                let mut out: Vec<(usize, f64)> = Vec::new();
                for (pi, li) in links {
                    let score = self.pairs[pi].links[li].score;
                    match out.iter_mut().find(|(p, _)| *p == pi) {
                        Some((_, s)) => *s *= score,
                        None => out.push((pi, score)),
                    }
                }
                out.sort_by_key(|x| x.0);
                out.into_iter()
                    .map(|(p, s)| ((self.pairs[p].a, self.pairs[p].b), s))
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_parses_and_is_monotone() {
        let cal = Calibration::parse(BUILTIN).unwrap();
        for (c, _) in LinkClass::ALL {
            assert!(cal.link_class(c).slope >= 0.0);
        }
        assert!(cal.unit_class().slope > 0.0);
        for (a, b) in [(1, 1), (1, 0), (2, 1)] {
            let mut last = 0.0;
            for k in 0..=100 {
                let p = cal.link_probability(a, b, f64::from(k) / 100.0);
                assert!((0.0..=1.0).contains(&p));
                assert!(p >= last, "{a}-{b} not monotone at {k}");
                last = p;
            }
        }
    }

    #[test]
    fn bad_lines_are_errors_with_their_line() {
        assert_eq!(
            Calibration::parse("one 1 2\nnull x 1\n"),
            Err(CalibrationError::BadLine {
                line: 2,
                message: "\"x\" is not a number".into()
            })
        );
        assert!(matches!(
            Calibration::parse("one 1 -2\n"),
            Err(CalibrationError::BadLine { line: 1, .. })
        ));
        assert_eq!(
            Calibration::parse("one 1 2\nnull 0 1\nmany 0 1\n"),
            Err(CalibrationError::Missing("unit"))
        );
    }

    #[test]
    fn platt_fit_recovers_a_rate_and_a_slope() {
        // A constant raw score right 80% of the time: p ≈ 0.8.
        let s: Vec<(f64, bool)> = (0..100).map(|k| (0.05, k % 5 != 0)).collect();
        let p = Platt::fit(&s);
        assert!((p.apply(0.05) - 0.8).abs() < 0.02, "{p:?}");
        // Higher raw, more often right: a positive slope.
        let s: Vec<(f64, bool)> = (0..200)
            .map(|k| {
                let raw = f64::from(k) / 200.0;
                (raw, (k * 37) % 200 < k)
            })
            .collect();
        assert!(Platt::fit(&s).slope > 0.0);
    }

    #[test]
    fn a_unit_missing_one_version_keeps_the_score_of_its_pair() {
        let one = |s: std::ops::Range<usize>, t: std::ops::Range<usize>, score| Link {
            src: s,
            tgt: t,
            score,
        };
        let links = [
            one(0..1, 0..1, 0.9),
            one(0..1, 0..0, 0.2),
            one(0..1, 0..0, 0.3),
        ];
        assert_eq!(present_product(&links), 0.9);
        let alone = [one(0..1, 0..0, 0.7), one(0..0, 0..1, 0.5)];
        assert_eq!(present_product(&alone), 0.35);
    }
}
