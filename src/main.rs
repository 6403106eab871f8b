//! `wirelint` binary: parse arguments, run, map the result to an exit code
//! (0 clean, 1 findings at or above `--fail-on`, 2 usage, config or I/O error).

mod cli;
#[cfg(feature = "lsp")]
mod lsp;
#[cfg(feature = "serve")]
mod serve;

use std::process::ExitCode;

use clap::Parser;

// glibc malloc/free were ~15% of the per-story instructions (#16, docs/performance.md)
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli::main_with(cli) {
        Ok(code) => code,
        Err(err) => {
            // a closed pipe (`wirelint check ... | head`) is not an error
            if err.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)) {
                return ExitCode::SUCCESS;
            }
            eprintln!("wirelint: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
