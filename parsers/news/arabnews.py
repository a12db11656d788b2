"""Arab News (www.arabnews.com): placeholder until the sample pages exist."""

from .profile import Profile

PROFILE = Profile(name="arabnews", hosts=("www.arabnews.com", "arabnews.com"), site_names=("arab news",))
