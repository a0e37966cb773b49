# backcoach: the screens' words.
