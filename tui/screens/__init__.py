"""The app's screens: the main comparison screen and its dialogs."""
