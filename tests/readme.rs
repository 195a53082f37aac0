//! The README's code is code that builds: its usage example is
//! `examples/vendored/src/main.rs` (a workspace member, so `cargo test`
//! compiles it), and its build-script recipe is `examples/build-script/`.

const README: &str = include_str!("../README.md");

/// The body of the first fenced block after `heading` with this language.
fn block_after<'a>(heading: &str, language: &str) -> &'a str {
    let section = README
        .split_once(heading)
        .unwrap_or_else(|| panic!("README has {heading}"))
        .1;
    let fence = format!("```{language}\n");
    let start = section.find(&fence).expect("a code block") + fence.len();
    let end = start + section[start..].find("```").expect("the block ends");
    &section[start..end]
}

#[test]
fn the_usage_example_is_the_vendored_example() {
    let example = include_str!("../examples/vendored/src/main.rs");
    let block = block_after("## Using the client", "rust,ignore");
    assert!(block.contains("slng_agents_client::"), "{block}");
    assert!(
        example.contains(block),
        "README's usage example differs from examples/vendored/src/main.rs"
    );
}

#[test]
fn the_build_script_recipe_is_the_build_script_example() {
    let build = include_str!("../examples/build-script/build.rs");
    let manifest = include_str!("../examples/build-script/Cargo.toml");
    let heading = "## Generating a client in your own build.rs";
    assert!(
        build.contains(block_after(heading, "rust,no_run")),
        "build.rs"
    );
    assert!(
        manifest.contains(block_after(heading, "toml")),
        "Cargo.toml"
    );
}

#[test]
fn the_streaming_example_is_a_test() {
    let test = include_str!("fixture-clients/tests/streams.rs");
    let block = block_after("## Streaming", "rust,ignore");
    assert!(block.contains("create_completion_stream"), "{block}");
    // The test's body is indented inside its function.
    let unindented = |text: &str| text.lines().map(str::trim).collect::<Vec<_>>().join("\n");
    assert!(
        unindented(test).contains(&unindented(block)),
        "README's streaming example is not in tests/fixture-clients/tests/streams.rs"
    );
}

#[test]
fn the_settings_example_is_a_valid_settings_file() {
    let block = block_after("## Settings: what is generated", "toml");
    let file =
        oas_gen::settings_file::SettingsFile::parse(block, std::path::Path::new("README.md"))
            .unwrap_or_else(|e| panic!("{e}"));
    let mut settings = oas_gen::Settings::new("c", "spec.yaml");
    file.apply(&mut settings);
    assert_eq!(settings.crate_name, "vendor-client");
    assert_eq!(settings.include.len(), 2);
    assert_eq!(settings.replace.len(), 1);
    assert_eq!(settings.derive.len(), 1);
    assert_eq!(settings.overlays.len(), 1);
    assert_eq!(settings.dependencies.len(), 1);
    assert_eq!(
        settings.rename.operations,
        [("postV2CallsCreate".to_owned(), "dial".to_owned())]
    );
    assert_eq!(settings.rename.variants.len(), 1);
}
