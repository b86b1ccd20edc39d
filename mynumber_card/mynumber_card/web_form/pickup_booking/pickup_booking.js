window.MNC_BOOKING_MODE = "pickup";
