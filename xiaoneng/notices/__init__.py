"""通报 notices of commendation or criticism, drafted from data and published (issue 9)."""
