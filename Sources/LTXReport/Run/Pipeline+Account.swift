import Logging

extension Pipeline {
    /// Walks one account, asks for its details, and turns both outcomes into its report —
    /// each account's result is built here and nowhere else.
    func report(
        _ account: AccountSettings, position: Int, client: LTXClient, gate: CredentialGate, preflight: Preflight,
        deadline: Duration?
    ) async throws -> AccountReport {
        let filter = filterOverride ?? account.filter
        var logger = self.logger
        logger[metadataKey: "account"] = "\(account.email)"
        if let failure = preflight.failure(of: account) {
            // A refused token was said once, for all its accounts.
            if failure.statusCode != 401 {
                logger.warning("account failed", metadata: ["reason": "\(failure.message)"])
            }
            return AccountReport(
                email: account.email, label: account.label, filter: filter, status: .failed(failure), position: position
            )
        }
        let token = tokens[account.tokenEnv] ?? ""
        var configured = PageWalker(
            source: GatedPageSource(
                base: ClientPageSource(
                    client: client, email: account.email, token: token, limit: configuration.api.pageSize,
                    filter: filter),
                gate: gate, tokenEnv: account.tokenEnv),
            pageSize: configuration.api.pageSize,
            limiter: TokenBucket(
                rate: account.requestsPerSecond, burst: account.burst, clock: clock, margin: pacingMargin),
            retry: retry ?? RetryPolicy(configuration.api), clock: clock, maxInFlight: account.maxInFlight,
            maxPages: maxPages, deadline: deadline, logger: logger)
        configured.progress = progress
        let walker = configured
        progress?.accountStarted(account.displayName)
        defer { progress?.accountFinished(account.displayName) }
        // The details call runs beside the walk, through the same limiter, so its round
        // trip hides behind the pages' instead of adding to the account's time.
        async let details = fetchesDetails ? self.details(account, token: token, client: client, walker: walker) : nil
        var report: AccountReport
        do {
            report = try await walk(account, filter: filter, position: position, walker: walker, logger: logger)
        } catch let failure as PageWalker.Failure {
            if failure.error.status == 401 && gate.rejected(account.tokenEnv) {
                throw CredentialsRejected(tokenEnv: account.tokenEnv)
            }
            // What stopped the run is said once, where it stopped; not again per account.
            try Task.checkCancellation()
            logger.warning("account failed", metadata: ["reason": "\(failure.error.reason)"])
            report = AccountReport(
                email: account.email, label: account.label, filter: filter,
                status: .failed(AccountFailure(statusCode: failure.error.status, message: failure.error.reason)),
                stats: failure.stats.roundedToMilliseconds(), position: position)
        }
        if let (fetched, stats) = await details {
            try Task.checkCancellation()
            report.details = fetched
            report.stats = report.stats + stats
        }
        report.stats.pacedRate = walker.limiter.learnedRate
        report.stats = report.stats.roundedToMilliseconds()
        return report
    }

    /// The account's details through its paced, retried requests; a failure leaves them
    /// unknown, with the reason, and the counts as they are.
    private func details(
        _ account: AccountSettings, token: String, client: LTXClient, walker: PageWalker
    ) async -> (AccountDetails, FetchStats) {
        let (result, stats) = await walker.requests.send("GET /accounts/{email}") { () async throws(APIError) in
            let (details, bytes) = try await client.accountDetails(email: account.email, token: token)
            return (details, bytes)
        }
        switch result {
        case .value(let details): return (details, stats)
        case .failure(let error):
            if !Task.isCancelled {
                walker.logger.warning("account details unknown", metadata: ["reason": "\(error.reason)"])
            }
            return (.unknown(error.reason), stats)
        case .deadline: return (.unknown("not asked for before the deadline"), stats)
        }
    }

    /// Reads the account's listing in full, and reports it.
    func walkInFull(
        _ account: AccountSettings, filter: AssetFilter, position: Int, walker: PageWalker, logger: Logger
    ) async throws -> AccountReport {
        let walk = try await walker.walk(into: Tally(keepsInventory: keepsInventory))
        var report = counted(walk, account: account, filter: filter, position: position, walker: walker, logger: logger)
        let pages = walk.stats.pages - walk.verificationPages
        report.walk = WalkMethod(incremental: false, pagesRead: walk.stats.pages, fullWalkPages: max(1, pages))
        if report.isCounted { report.lastFullWalk = date.day }
        return report
    }

    /// An account whose walk (of either kind) the deadline stopped after `pages` pages.
    func pastDeadline(pages: Int, logger: Logger) -> AccountReport.Status {
        logger.warning("account not finished before the deadline", metadata: ["pages": "\(pages)"])
        let seconds = Int(deadlineSeconds ?? 0).grouped
        return .incomplete(
            .deadline,
            AccountFailure(
                statusCode: nil, message: "not finished before the \(seconds) s deadline (\(pages.grouped) pages read)")
        )
    }

    /// The report of a walk that ended: complete, or incomplete (deadline, page ceiling).
    func counted(
        _ walk: PageWalker.Walk<Tally>, account: AccountSettings, filter: AssetFilter, position: Int,
        walker: PageWalker, logger: Logger
    ) -> AccountReport {
        let tally = walk.folded
        var status = AccountReport.Status.complete
        if walk.deadlinePassed {
            status = pastDeadline(pages: walk.stats.pages, logger: logger)
        } else if walk.hitPageCeiling {
            logger.warning("account stopped at the page ceiling", metadata: ["pages": "\(walk.stats.pages)"])
            status = .incomplete(
                .pageCeiling,
                AccountFailure(
                    statusCode: nil,
                    message:
                        "stopped at the ceiling of \(walker.maxPages.grouped) pages with pages left (\(walk.stats.pages.grouped) pages read)"
                ))
        } else {
            logger.info(
                "account counted", metadata: ["assets": "\(tally.counts.total)", "pages": "\(walk.stats.pages)"])
        }
        var report = AccountReport(
            email: account.email, label: account.label, filter: filter, status: status,
            counts: tally.counts.compacted(), stats: walk.stats.roundedToMilliseconds(), duplicates: tally.duplicates,
            withoutID: tally.withoutID,
            changedDuringRun: walk.changedDuringRun, position: position)
        if status == .complete, var inventory = tally.inventory {
            inventory.accountKey = EmailHash.of(account.email)
            // An order seen through a moving listing, or with items missed or doubled, is
            // not one next week's walk of the changes could trust.
            if walk.changedDuringRun || tally.duplicates > 0 || tally.withoutID > 0 { inventory.order = nil }
            report.inventory = inventory
        }
        return report
    }
}
