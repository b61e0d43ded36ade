"""Bring people in from elsewhere: each format module reads a file into `intake.Incoming` people,
and `intake` decides who is new, picks their ids, checks their files and writes them."""
