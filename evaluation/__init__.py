"""End-to-end evaluation of the assistant (make journeys)."""
