"""What a production deployment of the site needs beyond the content apps: security headers
per area of the site, the admin's sign-in lockout page, the start-up check for collected
static files and the overload guard. See docs/deployment.md."""
