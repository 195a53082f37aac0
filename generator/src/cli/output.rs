//! What the commands print: diagnostics and summaries on standard error
//! (colored labels when asked or on a terminal, nothing but errors with
//! `--quiet`), reports on standard output.

use std::io::{IsTerminal, Write};

use oas_gen::Diagnostics;

use super::Color;

/// Where and how messages go.
pub struct Output {
    quiet: bool,
    color: bool,
}

impl Output {
    pub fn new(quiet: bool, color: Color) -> Self {
        let color = match color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Self { quiet, color }
    }

    /// An error of the command itself.
    pub fn error(&self, message: &str) {
        self.write_err(&format!("{}: {message}\n", self.label("error", "31")));
    }

    /// A line saying what was done (not with `--quiet`).
    pub fn done(&self, message: &str) {
        if !self.quiet {
            self.write_err(&format!("{message}\n"));
        }
    }

    /// Every problem, errors and warnings.
    pub fn diagnostics(&self, found: &Diagnostics, file: &str) {
        self.write_err(&self.colored(&found.render(file)));
    }

    /// Warnings of a spec that generated (not with `--quiet`).
    pub fn warnings(&self, found: &Diagnostics, file: &str) {
        if !self.quiet && !found.items.is_empty() {
            self.diagnostics(found, file);
        }
    }

    /// A report on standard output; a reader that went away (`| head`)
    /// ends it quietly instead of a panic.
    pub fn report(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush());
    }

    /// Writes to standard error; a reader that went away (`2>&1 | head`)
    /// loses the rest, and the command still ends with its own status.
    fn write_err(&self, text: &str) {
        write_stderr(text);
    }

    fn label(&self, label: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[1;{code}m{label}\x1b[0m")
        } else {
            label.to_owned()
        }
    }

    /// Colors the `error:` and `warning:` labels that start lines.
    fn colored(&self, text: &str) -> String {
        if !self.color {
            return text.to_owned();
        }
        text.lines()
            .map(|line| {
                if let Some(rest) = line.strip_prefix("error:") {
                    format!("{}:{rest}\n", self.label("error", "31"))
                } else if let Some(rest) = line.strip_prefix("warning:") {
                    format!("{}:{rest}\n", self.label("warning", "33"))
                } else {
                    format!("{line}\n")
                }
            })
            .collect()
    }
}

/// Writes to standard error, ignoring a closed pipe (`eprintln!` would
/// panic and exit with 101 instead of the command's status).
pub fn write_stderr(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}
