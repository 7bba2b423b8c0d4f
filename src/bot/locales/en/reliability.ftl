# Answers when a dependency is briefly away. Text here is HTML.

error-database-unavailable = Sorry, I can’t reach my news database right now. Please try again shortly.
