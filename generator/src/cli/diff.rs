//! `oas-gen diff OLD NEW`: what a spec change does to the generated Rust
//! and on the wire. OLD and NEW are files, or `git:REV:PATH` for a committed
//! version (read with the `git` command: `git archive` of the spec's folder,
//! or of `--refs-root`, so its external `$ref`s resolve in that revision).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use oas_gen::changes::{self, FailOn, Format, Side};
use oas_gen::Source;

use super::output::Output;

/// What `diff` was asked.
pub struct Request<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub format: Format,
    pub fail_on: FailOn,
    pub refs_root: Option<&'a Path>,
    /// The settings both versions are generated with (operations chosen,
    /// types replaced): the changes are those of what is generated.
    pub settings: oas_gen::Settings,
}

/// Runs `diff`: 0 when nothing `--fail-on` names changed, 1 when it did or
/// a spec was refused, 2 when an input cannot be read.
pub fn run(request: &Request<'_>, output: &Output) -> ExitCode {
    let read = |spec| {
        let mut input = Input::read(spec, request.refs_root)?;
        input.source = request.settings.read_overlays(input.source)?;
        Ok::<Input, String>(input)
    };
    let (old, new) = match (read(request.old), read(request.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(message), _) | (_, Err(message)) => {
            output.error(&message);
            return ExitCode::from(2);
        }
    };
    let analyses = [&old, &new].map(|input| {
        oas_gen::analyze_with(&input.source, &request.settings).map_err(|found| {
            output.diagnostics(&found, &input.name);
            output.error(&format!(
                "{} refused: {} problem(s)",
                input.name,
                found.items.len()
            ));
        })
    });
    let [Ok(old_api), Ok(new_api)] = analyses else {
        return ExitCode::from(1);
    };
    let report = changes::compare(
        Side {
            name: &old.name,
            api: &old_api.api,
            source: &old.source,
        },
        Side {
            name: &new.name,
            api: &new_api.api,
            source: &new.source,
        },
    );
    output.report(&changes::render(&report, request.format));
    if report.fails(request.fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One side of the comparison, read.
struct Input {
    name: String,
    source: Source,
    /// The revision's files, removed when done.
    _checkout: Option<Checkout>,
}

impl Input {
    fn read(spec: &str, refs_root: Option<&Path>) -> Result<Input, String> {
        match spec.strip_prefix("git:") {
            Some(rest) => Self::from_git(spec, rest, refs_root),
            None => {
                let path = Path::new(spec);
                let source = source_at(path, refs_root)?;
                Ok(Input {
                    name: spec.to_owned(),
                    source,
                    _checkout: None,
                })
            }
        }
    }

    /// `git:REV:PATH`, PATH from the repository's top.
    fn from_git(spec: &str, rest: &str, refs_root: Option<&Path>) -> Result<Input, String> {
        let Some((rev, path)) = rest.split_once(':') else {
            return Err(format!(
                "{spec}: expected git:REV:PATH (PATH from the repository's top)"
            ));
        };
        let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?.trim());
        let folder = match refs_root {
            Some(root) => {
                let root = std::fs::canonicalize(root)
                    .map_err(|e| format!("--refs-root {}: {e}", root.display()))?;
                let top = std::fs::canonicalize(&top).unwrap_or_else(|_| top.clone());
                root.strip_prefix(&top).map(Path::to_owned).map_err(|_| {
                    format!("--refs-root {} is outside the repository", root.display())
                })?
            }
            None => Path::new(path)
                .parent()
                .map(Path::to_owned)
                .unwrap_or_default(),
        };
        let checkout = Checkout::new(rev, &folder, &top)?;
        let root = refs_root.map(|_| checkout.dir.join(&folder));
        let source = source_at(&checkout.dir.join(path), root.as_deref())
            .map_err(|e| format!("{spec}: {e}"))?;
        Ok(Input {
            name: spec.to_owned(),
            source,
            _checkout: Some(checkout),
        })
    }
}

fn source_at(path: &Path, refs_root: Option<&Path>) -> Result<Source, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()))?;
    let base = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut source = Source::new(text).with_base_dir(base);
    if let Some(root) = refs_root {
        source = source.with_refs_root(root);
    }
    Ok(source)
}

/// A folder of a revision, written to a temporary directory.
struct Checkout {
    dir: PathBuf,
}

impl Checkout {
    fn new(rev: &str, folder: &Path, top: &Path) -> Result<Checkout, String> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("oas-gen-diff-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let checkout = Checkout { dir };
        let mut archive = Command::new("git");
        archive
            .current_dir(top)
            .args(["archive", "--format=tar", rev]);
        if !folder.as_os_str().is_empty() {
            archive.arg("--").arg(folder);
        }
        let mut archive = archive
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run git: {e}"))?;
        let tar = Command::new("tar")
            .arg("-x")
            .arg("-C")
            .arg(&checkout.dir)
            .stdin(archive.stdout.take().ok_or("git archive gave no output")?)
            .status()
            .map_err(|e| format!("cannot run tar: {e}"))?;
        let archived = archive
            .wait_with_output()
            .map_err(|e| format!("git archive: {e}"))?;
        if !archived.status.success() {
            let why = String::from_utf8_lossy(&archived.stderr);
            return Err(format!("git archive {rev}: {}", why.trim()));
        }
        if !tar.success() {
            return Err(format!("tar could not unpack {rev}"));
        }
        Ok(checkout)
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs git, returning its standard output.
fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
