# Example configuration and the Prosody snippet.
