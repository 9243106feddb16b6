import Dispatch
import Synchronization
@testable import API
@testable import Auth

/// A password hasher for tests that must know how many checks reached it and hold them
/// there: each `verify` is recorded, announced on `arrivals`, and waits until `open()`.
/// Hashing itself (sign-up, the decoy) is not held. One PBKDF2 iteration: the work is beside
/// the point.
final class GatedHasher: PasswordHashing {
    private let inner = PasswordHasher(iterations: 1)
    let iterations = 1
    /// Signalled once per `verify` call as it arrives (before it waits); tests may share it
    /// with their own events.
    let arrivals: DispatchSemaphore
    private let gate = DispatchSemaphore(value: 0)
    private let state = Mutex<(passwords: [String], waiting: Int, isOpen: Bool)>(([], 0, false))

    init(arrivals: DispatchSemaphore = DispatchSemaphore(value: 0)) {
        self.arrivals = arrivals
    }

    func hash(_ password: String) -> String { inner.hash(password) }

    func verify(_ password: String, against encoded: String) -> PasswordCheck {
        let mustWait = state.withLock { state -> Bool in
            state.passwords.append(password)
            if !state.isOpen { state.waiting += 1 }
            return !state.isOpen
        }
        arrivals.signal()
        if mustWait { gate.wait() }
        return inner.verify(password, against: encoded)
    }

    /// Lets every held check and every later one through.
    func open() {
        let waiting = state.withLock { state -> Int in
            state.isOpen = true
            defer { state.waiting = 0 }
            return state.waiting
        }
        for _ in 0..<waiting { gate.signal() }
    }

    /// The passwords checked so far, in arrival order.
    var checkedPasswords: [String] { state.withLock { $0.passwords } }
}
