"""Asharq Al-Awsat (english.aawsat.com, aawsat.com): placeholder until the sample pages exist."""

from .profile import Profile

PROFILE = Profile(name="aawsat", hosts=("english.aawsat.com", "aawsat.com", "www.aawsat.com"),
                  site_names=("asharq al-awsat", "الشرق الأوسط"))
