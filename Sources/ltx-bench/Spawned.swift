import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn, so its resource usage can be read with wait4.
final class Spawned {
    let pid: pid_t
    private var output: FileHandle?

    struct Usage {
        var status: Int32
        var cpuSeconds: Double
        var peakRSSMegabytes: Double
    }

    init(_ path: String, _ arguments: [String], environment: [String: String] = [:], stdoutPipe: Bool = false) throws {
        // A fork, not posix_spawn: posix_spawn starts the child in this process's memory
        // (vfork) until it execs, and the kernel then charges the child with this process's
        // peak RSS — the benchmark's own, after it parsed an earlier scenario's reports. A
        // fork is charged with what is resident now, which the trim keeps small.
        _ = trimMalloc(0)
        var fds: [Int32] = [-1, -1]
        if stdoutPipe { guard pipe(&fds) == 0 else { throw POSIXError(.EIO) } }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let envp = env.map { strdup("\($0)=\($1)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        let pid = forkProcess()
        guard pid >= 0 else { throw POSIXError(.EAGAIN) }
        if pid == 0 {
            // The child: only async-signal-safe calls until exec. Its own stderr (server
            // shutdown chatter) is not the benchmark's output.
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { dup2(null, 2) }
            if stdoutPipe {
                dup2(fds[1], 1)
                close(fds[0])
                close(fds[1])
            }
            execve(path, argv, envp)
            _exit(127)
        }
        self.pid = pid
        if stdoutPipe {
            close(fds[1])
            output = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        }
    }

    func firstLine() throws -> String {
        var buffer = Data()
        while let output, !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = output.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    func wait() -> Usage {
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Usage(status: exitStatus, cpuSeconds: cpu, peakRSSMegabytes: Double(usage.ru_maxrss) / 1_024)
    }

    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

/// glibc's `malloc_trim`, which Swift's Glibc module does not export.
@_silgen_name("malloc_trim")
private func trimMalloc(_ pad: Int) -> Int32

/// `fork`, which Swift's Glibc module marks unavailable; used only to exec at once.
@_silgen_name("fork")
private func forkProcess() -> pid_t
