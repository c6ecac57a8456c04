//! The `journey` binary end to end: output shapes, determinism across
//! threads, and every error path (exit code, message, nothing on stdout).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use journey_core::Scenario;
use journey_core::share::{self, SharedRun};
use serde_json::Value;
use tempfile::TempDir;

/// A small journey with ranges, sBG churn, referrals and two scenarios (one
/// whose name needs quoting in CSV), over 12 months.
const SCENARIO: &str = r#"{
  "schema": 1,
  "name": "Test journey",
  "currency": "EUR",
  "months": 12,
  "arrivals_per_month": 400,
  "departments": [
    {"id": "sales", "friction": {"low": 0.1, "high": 0.3}},
    {"id": "care", "friction": 0.2}
  ],
  "handoffs": [{"from": "sales", "to": "care", "friction": 0.1}],
  "stages": [
    {"id": "consider", "phase": "buy", "owner": "sales", "advance": 0.4, "drop": 0.3},
    {"id": "use", "phase": "own", "owner": "care", "revenue_on_entry": 50,
     "drop": {"sbg": {"alpha": 0.7, "beta": 3.8}},
     "revenue_per_month": {"low": 20, "high": 30}, "cost_per_month": 8,
     "advocacy": 0.02}
  ],
  "initial": {"use": 300},
  "scenarios": [
    {"name": "Care training",
     "investments": [{"department": "care", "monthly_spend": 2000,
                      "half_friction_spend": {"low": 1000, "high": 4000},
                      "ramp_months": 2}]},
    {"name": "Sales, \"joined up\"",
     "investments": [{"handoff": {"from": "sales", "to": "care"}, "one_off": 5000,
                      "half_friction_spend": 1000, "monthly_spend": 500}]}
  ]
}"#;

const MONTHS: usize = 12;
const VARIANTS: usize = 3;

const OUTCOMES: [&str; 9] = [
    "total_revenue",
    "total_cost",
    "total_margin",
    "npv",
    "customers_acquired",
    "active_customers_end",
    "referrals",
    "clv",
    "retention_12m",
];

const SERIES: [&str; 6] = [
    "active_customers",
    "revenue",
    "margin",
    "cumulative_npv",
    "acquired",
    "churned",
];
/// A scenario's monthly series of its cumulative NPV gain over the baseline.
const UPLIFT_SERIES: &str = "cumulative_uplift_npv";

/// What a run of the binary gave.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

fn journey(args: &[&str]) -> Outcome {
    journey_with_stdin(args, None)
}

fn journey_with_stdin(args: &[&str], stdin: Option<&str>) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the journey binary starts");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(text.as_bytes()).expect("stdin is written");
    }
    let output = child.wait_with_output().expect("the journey binary ends");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    Outcome {
        code: output
            .status
            .code()
            .expect("exits normally, not by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr,
    }
}

/// A temp dir holding `scenario.json` with `text`.
fn dir_with(text: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("scenario.json");
    std::fs::write(&path, text).expect("the scenario is written");
    (dir, path)
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

fn success_json(out: &Outcome) -> Value {
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
    serde_json::from_str(&out.stdout).expect("stdout is JSON")
}

/// Exit `code`, `expected` somewhere in a `journey: ` message, nothing on stdout.
fn assert_fails(out: &Outcome, code: i32, expected: &str) {
    assert_eq!(out.code, code, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "", "nothing on stdout");
    assert!(
        out.stderr.starts_with("journey: "),
        "prefixed: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains(expected),
        "expected {expected:?} in {:?}",
        out.stderr
    );
}

fn assert_summary(value: &Value, what: &str) {
    for stat in ["mean", "sd", "p05", "p50", "p95"] {
        assert!(value[stat].is_number(), "{what}.{stat}: {value}");
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the dir is readable")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------- run

#[test]
fn run_json_reports_every_result_series_and_uplift() {
    let (_dir, file) = dir_with(SCENARIO);
    let report = success_json(&journey(&[
        "run",
        arg(&file),
        "--trials",
        "40",
        "--seed",
        "7",
    ]));
    assert_eq!(report["trials"], 40);
    assert_eq!(report["seed"], 7);
    assert_eq!(report["currency"], "EUR");
    assert!(report["engine"].is_string());
    assert!(report["generator"].is_string());
    let results = report["results"].as_array().expect("results");
    let names: Vec<&str> = results
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Baseline", "Care training", "Sales, \"joined up\""]);
    for (v, result) in results.iter().enumerate() {
        for key in OUTCOMES {
            assert_summary(&result["summary"][key], key);
        }
        for series in SERIES {
            for stat in ["mean", "p05", "p50", "p95"] {
                let values = result["monthly"][series][stat]
                    .as_array()
                    .unwrap_or_else(|| panic!("{series}.{stat} is an array"));
                assert_eq!(values.len(), MONTHS, "{series}.{stat}");
                assert!(values.iter().all(Value::is_number));
            }
        }
        let uplift = &result["uplift"];
        if v == 0 {
            assert!(uplift.is_null(), "the baseline has no uplift");
            assert!(result["monthly"][UPLIFT_SERIES].is_null());
            continue;
        }
        let gain = &result["monthly"][UPLIFT_SERIES]["mean"];
        assert_eq!(gain.as_array().map(Vec::len), Some(MONTHS));
        // The last month's gain is the uplift (to rounding: summed apart).
        let (last, mean) = (
            gain[MONTHS - 1].as_f64(),
            uplift["uplift_npv"]["mean"].as_f64(),
        );
        let (last, mean) = (last.unwrap(), mean.unwrap());
        assert!((last - mean).abs() <= 1e-9 * mean.abs(), "{last} vs {mean}");
        for key in ["uplift_revenue", "uplift_npv", "investment_pv", "roi"] {
            assert_summary(&uplift[key], key);
        }
        let p = uplift["prob_positive_roi"].as_f64().expect("a share");
        assert!((0.0..=1.0).contains(&p));
    }
}

#[test]
fn run_is_byte_identical_for_one_and_three_threads() {
    let (_dir, file) = dir_with(SCENARIO);
    let run = |threads: &str| {
        let out = journey(&[
            "run",
            arg(&file),
            "--trials",
            "90",
            "--seed",
            "42",
            "--threads",
            threads,
        ]);
        assert_eq!(out.code, 0, "stderr: {}", out.stderr);
        out.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("3"));
    assert_eq!(one, run("1000"), "more threads than batches");
}

#[test]
fn run_seed_defaults_to_1_and_matters() {
    let (_dir, file) = dir_with(SCENARIO);
    let run = |extra: &[&str]| {
        let mut args = vec!["run", arg(&file), "--trials", "10"];
        args.extend(extra);
        let out = journey(&args);
        assert_eq!(out.code, 0, "stderr: {}", out.stderr);
        out.stdout
    };
    assert_eq!(run(&[]), run(&["--seed", "1"]));
    assert_ne!(run(&[]), run(&["--seed", "2"]));
}

#[test]
fn run_csv_has_a_band_per_series_and_a_row_per_variant_and_month() {
    let (_dir, file) = dir_with(SCENARIO);
    let out = journey(&["run", arg(&file), "--trials", "20", "--format", "csv"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let mut header = vec!["scenario".to_string(), "month".to_string()];
    for s in SERIES.iter().chain([&UPLIFT_SERIES]) {
        for stat in ["mean", "p05", "p50", "p95"] {
            header.push(format!("{s}_{stat}"));
        }
    }
    assert_eq!(lines[0], header.join(","));
    assert_eq!(lines.len(), 1 + VARIANTS * MONTHS);
    assert!(lines[1].starts_with("Baseline,1,"));
    assert!(lines[MONTHS].starts_with("Baseline,12,"));
    assert!(lines[1 + MONTHS].starts_with("Care training,1,"));
    assert!(lines[1 + 2 * MONTHS].starts_with("\"Sales, \"\"joined up\"\"\",1,"));
    let last = lines.last().unwrap();
    let cells = last
        .strip_prefix("\"Sales, \"\"joined up\"\"\",12,")
        .expect("the last row is the last scenario's last month");
    let numbers: Vec<f64> = cells.split(',').map(|c| c.parse().unwrap()).collect();
    assert_eq!(
        numbers.len(),
        (SERIES.len() + 1) * 4,
        "every row has every column"
    );
    // The baseline has no uplift: its last four cells are empty.
    assert!(lines[1].ends_with(",,,,"), "{}", lines[1]);
    assert!(out.stdout.ends_with('\n'));
}

#[test]
fn run_out_writes_the_file_and_nothing_else() {
    let (dir, file) = dir_with(SCENARIO);
    let dest = dir.path().join("report.json");
    let out = journey(&["run", arg(&file), "--trials", "10", "--out", arg(&dest)]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
    let written = std::fs::read_to_string(&dest).expect("the report is written");
    let stdout = journey(&["run", arg(&file), "--trials", "10"]).stdout;
    assert_eq!(written, stdout, "--out holds what stdout would");
    assert_eq!(files_in(dir.path()), ["report.json", "scenario.json"]);
}

#[test]
fn out_is_never_the_scenario_itself_and_follows_a_link() {
    let (dir, file) = dir_with(SCENARIO);
    for command in ["run", "expected"] {
        let out = journey(&[command, arg(&file), "--out", arg(&file)]);
        assert_fails(&out, 1, "is the scenario file itself");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            SCENARIO,
            "{command}"
        );
    }
    // Through a link to it, too.
    let to_scenario = dir.path().join("to-scenario.json");
    std::os::unix::fs::symlink(&file, &to_scenario).unwrap();
    let out = journey(&[
        "run",
        arg(&file),
        "--trials",
        "10",
        "--out",
        arg(&to_scenario),
    ]);
    assert_fails(&out, 1, "is the scenario file itself");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), SCENARIO);

    // A link to another file: that file gets the results, the link stays.
    let report = dir.path().join("report.json");
    std::fs::write(&report, "old").unwrap();
    let latest = dir.path().join("latest.json");
    std::os::unix::fs::symlink(&report, &latest).unwrap();
    let out = journey(&["run", arg(&file), "--trials", "10", "--out", arg(&latest)]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert!(
        latest.symlink_metadata().unwrap().is_symlink(),
        "still a link"
    );
    let written = std::fs::read_to_string(&report).unwrap();
    assert!(
        written.starts_with('{'),
        "the report went where the link points"
    );
}

#[test]
fn run_into_a_closed_pipe_ends_quietly() {
    let (_dir, file) = dir_with(SCENARIO);
    let mut child = Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(["run", arg(&file), "--trials", "20"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the journey binary starts");
    // Close the reading end before the report is written.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("the journey binary ends");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
}

// ---------------------------------------------------------------- expected

#[test]
fn expected_json_has_plain_numbers_and_arrays() {
    let (_dir, file) = dir_with(SCENARIO);
    let report = success_json(&journey(&["expected", arg(&file)]));
    assert_eq!(report["mode"], "expected");
    assert_eq!(report["currency"], "EUR");
    let results = report["results"].as_array().expect("results");
    assert_eq!(results.len(), VARIANTS);
    for (v, result) in results.iter().enumerate() {
        for key in OUTCOMES {
            assert!(result["summary"][key].is_number(), "{key}");
        }
        for series in SERIES {
            let values = result["monthly"][series].as_array().expect("an array");
            assert_eq!(values.len(), MONTHS, "{series}");
            assert!(values.iter().all(Value::is_number), "{series}");
        }
        let gain = &result["monthly"][UPLIFT_SERIES];
        if v == 0 {
            assert!(gain.is_null(), "the baseline has no uplift");
        } else {
            assert_eq!(gain[MONTHS - 1], result["uplift"]["uplift_npv"]);
            assert!(result["uplift"]["uplift_npv"].is_number());
            assert!(result["uplift"]["investment_pv"].as_f64().unwrap() > 0.0);
        }
    }
}

#[test]
fn expected_csv_has_one_column_per_series() {
    let (dir, file) = dir_with(SCENARIO);
    let dest = dir.path().join("expected.csv");
    let out = journey(&[
        "expected",
        arg(&file),
        "--format",
        "csv",
        "--out",
        arg(&dest),
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
    let text = std::fs::read_to_string(&dest).expect("the table is written");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "scenario,month,active_customers,revenue,margin,cumulative_npv,acquired,churned,\
         cumulative_uplift_npv"
    );
    assert_eq!(lines.len(), 1 + VARIANTS * MONTHS);
    assert!(lines[1].starts_with("Baseline,1,") && lines[1].ends_with(','));
    assert_eq!(lines[1].split(',').count(), 2 + SERIES.len() + 1);
    assert!(
        !lines[1 + MONTHS].ends_with(','),
        "an option's gain is written"
    );
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_accepts_a_valid_scenario() {
    let (_dir, file) = dir_with(SCENARIO);
    let out = journey(&["validate", arg(&file)]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("{}: valid (2 stages, 2 scenarios)\n", arg(&file))
    );
    assert_eq!(out.stderr, "");
}

#[test]
fn validate_reads_stdin_for_a_dash() {
    let out = journey_with_stdin(&["validate", "-"], Some(SCENARIO));
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "stdin: valid (2 stages, 2 scenarios)\n");
}

#[test]
fn validate_lists_every_problem_by_field() {
    let broken = SCENARIO
        .replace(r#""months": 12"#, r#""months": 0"#)
        .replace(r#""advance": 0.4"#, r#""advance": 1.5"#)
        .replace(r#""department": "care""#, r#""department": "finance""#);
    let (_dir, file) = dir_with(&broken);
    let out = journey(&["validate", arg(&file)]);
    assert_fails(&out, 2, "is not a valid scenario");
    for line in [
        "months: 0 is not between 1 and 600",
        "stages[0].advance: 1.5 is not a probability",
        "scenarios[0].investments[0].department: \"finance\"",
    ] {
        assert!(
            out.stderr.lines().any(|l| l.starts_with(line)),
            "{line:?} in {}",
            out.stderr
        );
    }
    // The same list stops `run` and `expected`.
    assert_fails(
        &journey(&["run", arg(&file), "--trials", "5"]),
        2,
        "months: 0",
    );
    assert_fails(&journey(&["expected", arg(&file)]), 2, "months: 0");
}

#[test]
fn validate_names_every_field_of_the_wrong_shape_at_once() {
    let broken = SCENARIO
        .replace(r#""months": 12"#, r#""months": "a year""#)
        .replace(r#""advance": 0.4"#, r#""advanse": 0.4"#)
        .replace(r#""department": "care""#, r#""department": 7"#);
    let (_dir, file) = dir_with(&broken);
    let out = journey(&["validate", arg(&file)]);
    assert_fails(&out, 2, "is not a valid scenario (3 problems)");
    let lines: Vec<&str> = out.stderr.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            r#"months: expected a whole number, 0 or more, not the text "a year""#,
            "stages[0].advanse: unknown field `advanse`; did you mean `advance`?",
            "scenarios[0].investments[0].department: expected a text, not 7",
        ],
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------- fit-retention

/// Fader & Hardie (2007), the "regular" segment, percent still there.
const REGULAR: &str = "100,63.1,46.8,38.2,32.6,28.9,26.2,24.1";

#[test]
fn fit_retention_recovers_the_fader_hardie_regular_segment() {
    let fit = success_json(&journey(&["fit-retention", "--survival", REGULAR]));
    let alpha = fit["alpha"].as_f64().unwrap();
    let beta = fit["beta"].as_f64().unwrap();
    assert!((alpha - 0.704).abs() < 0.001, "alpha {alpha}");
    assert!((beta - 1.182).abs() < 0.001, "beta {beta}");
    assert!(fit["log_likelihood"].as_f64().unwrap() < 0.0);
    let projection = fit["projection"].as_array().expect("a projection");
    assert_eq!(projection.len(), 37, "months 0 to the default horizon 36");
    assert_eq!(projection[0], 1.0);

    let short = success_json(&journey(&[
        "fit-retention",
        "--survival",
        REGULAR,
        "--horizon",
        "12",
    ]));
    assert_eq!(short["projection"].as_array().unwrap().len(), 13);
}

#[test]
fn fit_retention_reads_counts_and_spaced_values() {
    let percent = success_json(&journey(&["fit-retention", "--survival", REGULAR]));
    let counts = success_json(&journey(&[
        "fit-retention",
        "--counts",
        "1000,631,468,382,326,289,262,241",
    ]));
    for key in ["alpha", "beta", "log_likelihood"] {
        let (a, b) = (
            percent[key].as_f64().unwrap(),
            counts[key].as_f64().unwrap(),
        );
        assert!((a - b).abs() < 1e-6 * a.abs(), "{key}: {a} vs {b}");
    }
    let spaced = success_json(&journey(&[
        "fit-retention",
        "--survival",
        "100",
        "63.1",
        "46.8",
        "38.2",
        "32.6",
        "28.9",
        "26.2",
        "24.1",
    ]));
    assert_eq!(spaced, percent);
}

#[test]
fn fit_retention_rejects_bad_curves() {
    assert_fails(
        &journey(&["fit-retention", "--survival", "100,abc,40"]),
        2,
        "--survival: value 2 (\"abc\") is not a number",
    );
    assert_fails(
        &journey(&["fit-retention", "--survival", "100,60,70"]),
        2,
        "--survival: value 3 (70 after 60): survival cannot increase",
    );
    assert_fails(
        &journey(&["fit-retention", "--counts", "1000,631.5,400"]),
        2,
        "--counts: value 2 (\"631.5\") is not a whole number",
    );
    assert_fails(
        &journey(&["fit-retention", "--survival", "100,60"]),
        2,
        "--survival: need at least 3 values",
    );
    assert_fails(
        &journey(&["fit-retention", "--survival", REGULAR, "--horizon", "20000"]),
        2,
        "--horizon: projection of 20000 months is too long",
    );
    assert_fails(&journey(&["fit-retention"]), 2, "--survival");
}

// ---------------------------------------------------------------- errors

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nowhere.json");
    for command in ["run", "expected", "validate"] {
        assert_fails(
            &journey(&[command, arg(&file)]),
            1,
            &format!("{} does not exist", arg(&file)),
        );
    }
}

#[test]
fn a_directory_is_not_a_scenario() {
    let dir = tempfile::tempdir().unwrap();
    assert_fails(
        &journey(&["validate", arg(dir.path())]),
        1,
        "is a directory, not a scenario file",
    );
}

#[test]
fn non_utf8_bytes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.json");
    std::fs::write(&file, b"{\"schema\": 1,\n \"name\": \"Caf\xe9\"}").unwrap();
    assert_fails(
        &journey(&["run", arg(&file), "--trials", "5"]),
        2,
        &format!("{} is not UTF-8 text (line 2)", arg(&file)),
    );
}

#[test]
fn a_scenario_over_1_mb_is_refused() {
    let padded = format!("{}{}", " ".repeat(1 << 20), SCENARIO);
    let (_dir, file) = dir_with(&padded);
    assert_fails(
        &journey(&["validate", arg(&file)]),
        2,
        &format!("{} is over 1 MB", arg(&file)),
    );
}

#[test]
fn invalid_json_names_line_and_column() {
    let (_dir, file) = dir_with("{\"schema\": 1,\n  \"months\": 12,,\n}");
    let out = journey(&["run", arg(&file), "--trials", "5"]);
    assert_fails(&out, 2, "is not a valid scenario (1 problem)");
    assert!(out.stderr.contains("(line 2, column 16)"), "{}", out.stderr);
}

#[test]
fn an_empty_or_cut_short_file_says_so() {
    let (_dir, file) = dir_with("");
    let out = journey(&["validate", arg(&file)]);
    assert_fails(&out, 2, "is not a valid scenario (1 problem)");
    assert!(out.stderr.contains("\nit is empty"), "{}", out.stderr);
    let (_dir, file) = dir_with(&SCENARIO[..SCENARIO.len() / 2]);
    let out = journey(&["validate", arg(&file)]);
    assert!(
        out.stderr.contains("the text was cut short"),
        "{}",
        out.stderr
    );
}

#[test]
fn trials_and_threads_are_checked() {
    let (_dir, file) = dir_with(SCENARIO);
    let f = arg(&file);
    assert_fails(
        &journey(&["run", f, "--trials", "2000000"]),
        2,
        "--trials 2000000 is above the limit of 1000000",
    );
    assert_fails(
        &journey(&["run", f, "--trials", "0"]),
        2,
        "--trials must be at least 1",
    );
    assert_fails(
        &journey(&["run", f, "--trials", "10", "--threads", "0"]),
        2,
        "--threads must be at least 1",
    );
    assert_fails(&journey(&["run", f, "--trials", "ten"]), 2, "--trials");
    // A negative value is named as one, not taken for an unknown option.
    assert_fails(
        &journey(&["run", f, "--trials", "-1"]),
        2,
        "expected a whole number of trials from 1 to 1000000",
    );
    assert_fails(
        &journey(&["run", f, "--seed", "-1"]),
        2,
        "'-1' for '--seed <S>': expected a whole number from 0 to",
    );
    assert_fails(&journey(&["run", f, "--format", "xml"]), 2, "--format");
    assert_fails(&journey(&["run", f, "--bogus"]), 2, "--bogus");
}

#[test]
fn an_unwritable_out_fails_before_running_and_leaves_nothing() {
    let (dir, file) = dir_with(SCENARIO);
    let missing_dir = dir.path().join("no-such-dir").join("report.json");
    assert_fails(
        &journey(&[
            "run",
            arg(&file),
            "--trials",
            "5",
            "--out",
            arg(&missing_dir),
        ]),
        1,
        &format!("cannot write --out {}", arg(&missing_dir)),
    );
    assert_fails(
        &journey(&["expected", arg(&file), "--out", arg(dir.path())]),
        1,
        "it is a directory",
    );
    // A failed run leaves no file, half or whole, and no temporary file.
    let (bad_dir, bad) = dir_with("{\"schema\": 1}");
    let dest = bad_dir.path().join("report.json");
    assert_fails(
        &journey(&["run", arg(&bad), "--trials", "5", "--out", arg(&dest)]),
        2,
        "is not a valid scenario",
    );
    assert_eq!(files_in(bad_dir.path()), ["scenario.json"]);
    assert_eq!(files_in(dir.path()), ["scenario.json"]);
}

// ---------------------------------------------------------------- optimize

#[test]
fn optimize_splits_the_budget_and_gives_a_scenario_to_paste() {
    let (dir, file) = dir_with(SCENARIO);
    let out = success_json(&journey(&[
        "optimize",
        arg(&file),
        "--budget",
        "4000",
        "--steps",
        "8",
    ]));
    assert_eq!(out["mode"], "expected");
    assert_eq!(out["currency"], "EUR");
    assert_eq!(out["step"], 500.0);
    // Sales has no investment to take a half-friction spend from.
    let ids: Vec<&str> = out["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["care", "sales>care"]);
    assert_eq!(out["left_out"], serde_json::json!(["sales"]));
    let spent: f64 = out["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["monthly_spend"].as_f64().unwrap())
        .sum();
    assert!(spent <= 4000.0 && spent == out["monthly_spend"].as_f64().unwrap());
    for p in out["places"].as_array().unwrap() {
        assert!(p["next_step_uplift_npv"].is_number() && p["next_step_roi"].is_number());
    }
    let frontier = out["frontier"].as_array().unwrap();
    assert_eq!(frontier.len(), 9);
    assert_eq!(frontier[8]["uplift_npv"], out["uplift_npv"]);
    assert_eq!(out["scenario"]["name"], "Optimised: 4k/month");

    // The entry pastes into the file and reproduces the uplift.
    let mut scenario: Value = serde_json::from_str(SCENARIO).unwrap();
    scenario["scenarios"]
        .as_array_mut()
        .unwrap()
        .push(out["scenario"].clone());
    let pasted = dir.path().join("pasted.json");
    std::fs::write(&pasted, scenario.to_string()).unwrap();
    let report = success_json(&journey(&["expected", arg(&pasted)]));
    assert_eq!(
        report["results"][3]["uplift"]["uplift_npv"],
        out["uplift_npv"]
    );
}

#[test]
fn optimize_takes_places_and_half_friction_spends() {
    let (_dir, file) = dir_with(SCENARIO);
    let out = success_json(&journey(&[
        "optimize",
        arg(&file),
        "--budget",
        "3000",
        "--places",
        "sales,care",
        "--half-friction-spend",
        "sales=2500",
        "--ramp-months",
        "3",
    ]));
    assert_eq!(out["places"][0]["id"], "sales");
    assert_eq!(out["places"][0]["half_friction_spend"], 2500.0);
    assert_eq!(out["left_out"], serde_json::json!([]));
    // A hand-off is the same place however it is spaced.
    let out = success_json(&journey(&[
        "optimize",
        arg(&file),
        "--budget",
        "3000",
        "--places",
        "sales>care",
        "--half-friction-spend",
        "sales > care=1500",
    ]));
    assert_eq!(out["places"][0]["half_friction_spend"], 1500.0);
    let out = success_json(&journey(&[
        "optimize",
        arg(&file),
        "--budget",
        "3000",
        "--half-friction-spend",
        "2000",
    ]));
    assert_eq!(out["places"].as_array().unwrap().len(), 3);
}

#[test]
fn optimize_refuses_bad_requests_by_flag() {
    let (_dir, file) = dir_with(SCENARIO);
    let f = arg(&file);
    for (args, expected) in [
        (
            vec!["--budget", "0"],
            "--budget: 0 is not a monthly amount above 0",
        ),
        (vec!["--budget", "1000", "--steps", "0"], "--steps: 0"),
        (
            vec!["--budget", "1000", "--places", "nowhere"],
            "--places: \"nowhere\" is neither",
        ),
        (
            vec!["--budget", "1000", "--places", "sales"],
            "--half-friction-spend: no investment names \"sales\"",
        ),
        (
            vec!["--budget", "1000", "--half-friction-spend", "lots"],
            "--half-friction-spend: \"lots\" is not an amount",
        ),
        // A spend for a place the journey does not have is not ignored.
        (
            vec!["--budget", "1000", "--half-friction-spend", "ops=30000"],
            "--half-friction-spend: \"ops\" is neither a department id nor a listed hand-off",
        ),
        (
            vec!["--budget", "1000", "--base", "Nope"],
            "--base: \"Nope\" is not a scenario",
        ),
        (
            vec!["--budget", "1000", "--start-month", "13"],
            "--start-month: 13 is not a month",
        ),
        (vec!["--budget", "many"], "invalid value 'many'"),
    ] {
        let mut all = vec!["optimize", f];
        all.extend(args);
        assert_fails(&journey(&all), 2, expected);
    }
    assert_fails(&journey(&["optimize", f]), 2, "--budget");
}

// ---------------------------------------------------------------- sensitivity

#[test]
fn sensitivity_gives_sorted_tornado_rows_and_evpi() {
    let (_dir, file) = dir_with(SCENARIO);
    let out = success_json(&journey(&["sensitivity", arg(&file)]));
    // The first scenario's NPV uplift by default.
    assert_eq!(out["measure"]["npv_uplift"], "Care training");
    let expected = success_json(&journey(&["expected", arg(&file)]));
    assert_eq!(out["base"], expected["results"][1]["uplift"]["uplift_npv"]);
    let rows = out["tornado"].as_array().unwrap();
    assert!(!rows.is_empty());
    let swings: Vec<f64> = rows.iter().map(|r| r["swing"].as_f64().unwrap()).collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]));
    for r in rows {
        for key in ["low", "high", "outcome_low", "outcome_high"] {
            assert!(r[key].is_number(), "{key} in {r}");
        }
        assert!(r["label"].is_string() && r["path"].is_string());
    }
    let options = out["options"].as_array().unwrap();
    assert_eq!(options.len(), VARIANTS);
    let evpi = out["evpi"].as_array().unwrap();
    assert!(
        evpi.iter()
            .all(|r| r["evpi"].as_f64().unwrap() >= 0.0 && r["best_now"].is_string())
    );
    // Only ranges have a value of information.
    let paths: Vec<&str> = evpi.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"departments[0].friction"));
    assert!(!paths.contains(&"departments[1].friction"));

    for (outcome, key) in [("clv", "clv"), ("retention", "retention_12m")] {
        let out = success_json(&journey(&["sensitivity", arg(&file), "--outcome", outcome]));
        assert_eq!(out["measure"], key);
        let name = if outcome == "clv" {
            "clv"
        } else {
            "retention_12m"
        };
        assert_eq!(out["base"], expected["results"][0]["summary"][name]);
    }
    let named = success_json(&journey(&[
        "sensitivity",
        arg(&file),
        "--outcome",
        "npv-uplift:Sales, \"joined up\"",
    ]));
    assert_eq!(named["measure"]["npv_uplift"], "Sales, \"joined up\"");
}

#[test]
fn sensitivity_refuses_unknown_outcomes() {
    let (_dir, file) = dir_with(SCENARIO);
    assert_fails(
        &journey(&["sensitivity", arg(&file), "--outcome", "npv-uplift:Nope"]),
        2,
        "--outcome: \"Nope\" is not a scenario; the scenarios are \"Care training\"",
    );
    assert_fails(
        &journey(&["sensitivity", arg(&file), "--outcome", "profit"]),
        2,
        "--outcome: \"profit\" is not npv-uplift:SCENARIO, clv or retention",
    );
    assert_fails(
        &journey(&["sensitivity", "/no/such/file.json"]),
        1,
        "does not exist",
    );
}

// ---------------------------------------------------------------- help

#[test]
fn help_describes_every_command_and_default() {
    let out = journey(&["--help"]);
    assert_eq!(out.code, 0);
    for command in [
        "run",
        "expected",
        "validate",
        "fit-retention",
        "optimize",
        "sensitivity",
        "link",
        "scenario",
    ] {
        assert!(out.stdout.contains(command), "{command} in {}", out.stdout);
    }
    let run = journey(&["run", "--help"]).stdout;
    for text in [
        "--trials",
        "[default: 10000, or the link's]",
        "--seed",
        "[default: 1, or the link's]",
        "all cores",
    ] {
        assert!(run.contains(text), "{text} in {run}");
    }
    let fit = journey(&["fit-retention", "--help"]).stdout;
    assert!(fit.contains("[default: 36]"), "{fit}");
    let none = journey(&[]);
    assert_eq!(none.code, 2);
    assert_eq!(none.stdout, "");
    assert!(none.stderr.contains("Usage: journey"));
}

#[test]
fn out_to_a_pipe_writes_in_place() {
    // A device or FIFO (such as /dev/null) must not be replaced by a file.
    let (dir, scenario) = dir_with(SCENARIO);
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("the pipe is read"))
    };
    let out = journey(&["run", arg(&scenario), "--trials", "3", "--out", arg(&fifo)]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let written: Value =
        serde_json::from_str(&reader.join().unwrap()).expect("JSON through the pipe");
    assert_eq!(written["trials"], 3);
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the pipe is still a pipe"
    );
}

/// A share link to `scenario` with `seed` and `trials`, made as the app
/// makes one.
fn link_to(scenario: &str, seed: u64, trials: u32) -> String {
    let scenario = Scenario::from_json(scenario).expect("a scenario's shape");
    format!(
        "https://cx.example.org/#{}",
        share::encode(&SharedRun {
            scenario,
            seed,
            trials
        })
    )
}

#[test]
fn a_link_made_from_a_file_runs_to_the_files_numbers() {
    let (_dir, file) = dir_with(SCENARIO);
    let made = journey(&[
        "link",
        arg(&file),
        "--seed",
        "7",
        "--trials",
        "40",
        "--site",
        "https://cx.example.org/app/#v1.an-older-link",
    ]);
    assert_eq!(made.code, 0, "stderr: {}", made.stderr);
    assert_eq!(made.stderr, "");
    let link = made.stdout.strip_suffix('\n').expect("one line");
    assert!(
        link.starts_with("https://cx.example.org/app/#v1."),
        "{link}"
    );
    assert!(!link.contains(char::is_whitespace), "{link}");

    // The link's run is the file's, with the link's seed and trials...
    let from_link = journey(&["run", link, "--threads", "2"]);
    let from_file = journey(&["run", arg(&file), "--seed", "7", "--trials", "40"]);
    assert_eq!(success_json(&from_link)["seed"], 7);
    assert_eq!(from_link.stdout, from_file.stdout);
    // ...unless the flags say otherwise.
    assert_eq!(
        journey(&["run", link, "--seed", "8", "--trials", "30"]).stdout,
        journey(&["run", arg(&file), "--seed", "8", "--trials", "30"]).stdout
    );
    assert_eq!(
        journey(&["expected", link]).stdout,
        journey(&["expected", arg(&file)]).stdout
    );
    let checked = journey(&["validate", link]);
    assert_eq!(checked.stdout, "the link: valid (2 stages, 2 scenarios)\n");

    // Without flags, the app's defaults; without --site, the fragment alone.
    let bare = journey(&["link", arg(&file)]);
    let fragment = bare.stdout.trim_end();
    assert!(fragment.starts_with("#v1."), "{fragment}");
    let run = share::decode(fragment).expect("the fragment decodes");
    assert_eq!((run.seed, run.trials), (1, 10_000));
    assert_eq!(run.scenario, Scenario::from_json(SCENARIO).unwrap());
    // A link made from a link keeps its run unless told otherwise.
    let again = journey(&["link", link, "--site", "http://127.0.0.1:8080/"]);
    assert_eq!(
        again.stdout.trim_end(),
        format!("http://127.0.0.1:8080/{}", &link[link.find('#').unwrap()..])
    );
}

#[test]
fn a_link_passed_on_by_mail_in_a_file_or_as_a_fragment_still_opens() {
    let link = link_to(SCENARIO, 3, 20);
    let (page, fragment) = link.split_once('#').unwrap();
    let wrapped = format!("  {page}#{}\n{}).", &fragment[..40], &fragment[40..]);
    let expected = journey(&["run", &link]).stdout;
    assert_eq!(journey(&["run", &wrapped]).stdout, expected);
    assert_eq!(journey(&["run", &format!("#{fragment}")]).stdout, expected);
    // Pasted into a file, or piped in.
    let (_dir, file) = dir_with(&format!("{link}\n"));
    assert_eq!(journey(&["run", arg(&file)]).stdout, expected);
    let piped = journey_with_stdin(&["run", "-"], Some(&wrapped));
    assert_eq!(piped.stdout, expected);
    let broken = link_to(
        &SCENARIO.replace(r#""advance": 0.4"#, r#""advance": 1.5"#),
        3,
        20,
    );
    assert_fails(
        &journey_with_stdin(&["validate", "-"], Some(&broken)),
        2,
        "stdin is not a valid scenario (2 problems)",
    );
}

#[test]
fn scenario_writes_the_links_scenario_as_the_app_exports_it() {
    let link = link_to(SCENARIO, 3, 20);
    let out = journey(&["scenario", &link]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
    let scenario = Scenario::from_json(SCENARIO).unwrap();
    assert_eq!(out.stdout, format!("{}\n", scenario.to_json_pretty()));

    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("kept.json");
    let written = journey(&["scenario", &link, "--out", arg(&kept)]);
    assert_eq!((written.code, written.stdout.as_str()), (0, ""));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), out.stdout);
    let piped = journey_with_stdin(&["scenario", "-"], Some(&format!("{link}\n")));
    assert_eq!(piped.stdout, out.stdout);
    // The file runs to the link's numbers with the link's seed and trials.
    assert_eq!(
        journey(&["run", arg(&kept), "--seed", "3", "--trials", "20"]).stdout,
        journey(&["run", &link]).stdout
    );
}

#[test]
fn a_link_with_problems_says_what_they_are() {
    // Well formed, but an advance rate is not a probability: not run, but
    // its scenario can still be taken out and mended.
    let broken = SCENARIO.replace(r#""advance": 0.4"#, r#""advance": 1.5"#);
    let link = link_to(&broken, 3, 20);
    assert_fails(
        &journey(&["run", &link]),
        2,
        "the link is not a valid scenario (2 problems):\nstages[0].advance: 1.5 is not a probability",
    );
    let out = journey(&["scenario", &link]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(
        Scenario::from_json(&out.stdout).unwrap(),
        Scenario::from_json(&broken).unwrap()
    );
    assert!(
        out.stderr.starts_with(
            "journey: the scenario is written, but it has 2 problems to fix before it runs:\n\
             stages[0].advance: 1.5"
        ),
        "{}",
        out.stderr
    );

    // A trial count out of range needs --trials.
    let no_trials = link_to(SCENARIO, 3, 0);
    assert_fails(
        &journey(&["run", &no_trials]),
        2,
        "the link asks for 0 trials; a run has between 1 and 1000000; choose a number with \
         --trials",
    );
    assert_eq!(
        success_json(&journey(&["run", &no_trials, "--trials", "5"]))["trials"],
        5
    );

    let newer = link.replace("#v1.", "#v2.");
    assert_fails(
        &journey(&["run", &newer]),
        2,
        "cannot open the link: it was made by a newer version of the app (v2 links); this \
         journey command reads v1 links, so update it",
    );
    let damaged = &link[..link.len() - 30];
    assert_fails(
        &journey(&["run", damaged]),
        2,
        "cannot open the link: the link is damaged or cut short",
    );
    assert_fails(
        &journey(&["validate", "https://cx.example.org/"]),
        2,
        "cannot open the link: the link carries no scenario",
    );
    let (_dir, file) = dir_with(SCENARIO);
    assert_fails(
        &journey(&["scenario", arg(&file)]),
        2,
        "scenario.json holds no share link: `journey scenario` reads the app's links",
    );
    assert_fails(
        &journey(&["link", arg(&file), "--site", "cx.example.org"]),
        2,
        "--site cx.example.org is not the address of a page",
    );
}
