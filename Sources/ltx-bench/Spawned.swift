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
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var fds: [Int32] = [0, 0]
        // The children's own stderr (server shutdown chatter) is not the benchmark's output.
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if stdoutPipe {
            guard pipe(&fds) == 0 else { throw POSIXError(.EIO) }
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_addclose(&actions, fds[0])
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let envp = env.map { strdup("\($0)=\($1)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
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
