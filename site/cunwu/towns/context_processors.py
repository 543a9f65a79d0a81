def town(request):
    town = getattr(request, "town", None)
    elder = request.COOKIES.get("elder")
    if elder is None:
        elder_mode = bool(town and town.elder_mode_default)
    else:
        elder_mode = elder == "1"
    return {"town": town, "elder_mode": elder_mode}
