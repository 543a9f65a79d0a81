"""Editors' images and documents: judged by content on upload, served only on their own town's host."""
