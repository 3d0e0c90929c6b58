# SPDX-License-Identifier: MIT
"""isthmus on Dask (placeholder: see docs/scaling.md when written)."""
