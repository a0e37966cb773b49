# backcoach: skærmenes ord.
