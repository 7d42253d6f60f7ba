"""Signed change notifications (webhooks) so front ends can revalidate when content changes."""
