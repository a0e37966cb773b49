//! Stop requests from outside the window: SIGTERM (a logout, `systemctl stop`, `kill`) and
//! SIGINT (Ctrl+C in the terminal).
//!
//! Contract: [`install_stop_signals`] (once, by the binary) replaces the two signals'
//! default action with a handler that only records the signal; the app polls
//! [`stop_signal_received`] once per frame and, when one arrived, sends
//! [`crate::session::Command::Interrupt`] (the set in progress is closed, the session
//! saved as interrupted; the reps so far were saved as they were counted), saves work
//! mode's day, and closes the window. A second signal of the same kind ends the process at once, as before (the
//! handler resets itself). Nothing else runs inside the handler.

use std::sync::atomic::{AtomicI32, Ordering};

/// The last stop signal received (0: none).
static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// Failures of [`install_stop_signals`].
#[derive(Debug, thiserror::Error)]
pub enum StopSignalError {
    /// The operating system refused the handler.
    #[error(
        "cannot handle {signal}: {source}. Ctrl+C and SIGTERM will end backcoach without closing the session (the reps so far are saved)."
    )]
    Install {
        /// The signal's name.
        signal: &'static str,
        /// What the system said.
        source: std::io::Error,
    },
}

/// A stop signal that arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopSignal {
    /// SIGTERM.
    Terminate,
    /// SIGINT (Ctrl+C).
    Interrupt,
}

impl StopSignal {
    /// `SIGTERM` or `SIGINT`.
    pub fn name(self) -> &'static str {
        match self {
            StopSignal::Terminate => "SIGTERM",
            StopSignal::Interrupt => "SIGINT",
        }
    }
}

#[cfg(unix)]
extern "C" fn record_signal(signal: libc::c_int) {
    // Async-signal-safe: one atomic store.
    RECEIVED.store(signal, Ordering::SeqCst);
}

/// Installs the SIGTERM and SIGINT handlers (a no-op where there are no such signals).
pub fn install_stop_signals() -> Result<(), StopSignalError> {
    #[cfg(unix)]
    for (signal, name) in [(libc::SIGTERM, "SIGTERM"), (libc::SIGINT, "SIGINT")] {
        // SAFETY: `action` is fully initialised (zeroed, then the handler, an empty mask
        // and the flags) before `sigaction` reads it; the handler only stores an atomic.
        let result = unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = record_signal as extern "C" fn(libc::c_int) as usize;
            libc::sigemptyset(&mut action.sa_mask);
            action.sa_flags = libc::SA_RESETHAND | libc::SA_RESTART;
            libc::sigaction(signal, &action, std::ptr::null_mut())
        };
        if result != 0 {
            return Err(StopSignalError::Install {
                signal: name,
                source: std::io::Error::last_os_error(),
            });
        }
    }
    Ok(())
}

/// The stop signal received since start, if any.
pub fn stop_signal_received() -> Option<StopSignal> {
    #[cfg(unix)]
    {
        match RECEIVED.load(Ordering::SeqCst) {
            libc::SIGTERM => Some(StopSignal::Terminate),
            libc::SIGINT => Some(StopSignal::Interrupt),
            _ => None,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = RECEIVED.load(Ordering::SeqCst);
        None
    }
}
