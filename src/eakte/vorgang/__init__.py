"""The Vorgang: a procedure inside an Akte, the smallest unit of work handled as a whole."""
