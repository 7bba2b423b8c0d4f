# Answers when a dependency is briefly away. Text here is HTML.

error-database-unavailable = Sorry, I can’t reach my news database right now. Please try again shortly.
flood-notice = You are sending messages faster than I can answer. I’ll skip the next ones for a few seconds; please wait { $seconds } s before sending more.
